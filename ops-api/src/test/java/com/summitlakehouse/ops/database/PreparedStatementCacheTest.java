package com.summitlakehouse.ops.database;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every statement of ours fits the client's prepared-statement cache: one that did not would be parsed and planned
 * at each execution, silently (the cache's limit is the statement's length).
 */
class PreparedStatementCacheTest {

    private static final Pattern SQL = Pattern.compile("^\\s*(SELECT|WITH|INSERT|UPDATE|DELETE)\\b.*", Pattern.DOTALL);

    @Test
    void everyStatementFitsTheCache() throws Exception {
        Path classes = Path.of(LakebasePoolCreator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> statements = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                for (Field field : Class.forName(name, false, getClass().getClassLoader()).getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                        field.setAccessible(true);
                        String value = (String) field.get(null);
                        if (value != null && SQL.matcher(value).matches()) {
                            statements.add(value);
                            assertTrue(value.length() <= LakebasePoolCreator.PREPARED_STATEMENT_CACHE_SQL_LIMIT,
                                    name + "." + field.getName() + " is " + value.length() + " characters");
                        }
                    }
                }
            }
        }
        assertTrue(statements.size() > 30, "the statements were found: " + statements.size());
        assertTrue(statements.stream().anyMatch(sql -> sql.length() > 2048),
                "one is longer than the client's default limit (2,048), which is why the limit is set");
    }
}
