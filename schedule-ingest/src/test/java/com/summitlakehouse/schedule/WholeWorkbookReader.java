package com.summitlakehouse.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.EmptyFileException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The reader the service used before it streamed: POI's whole-workbook model, every cell in memory. Kept as the
 * reference the streaming {@link WorkbookReader} must agree with on every test workbook.
 */
final class WholeWorkbookReader {

    private WholeWorkbookReader() {
    }

    static SheetRows read(Path file, String sheetName) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
                XSSFWorkbook workbook = new XSSFWorkbook(pkg)) {
            return ScheduleSheet.interpret(grid(pick(workbook, sheetName)));
        } catch (NotOfficeXmlFileException | InvalidFormatException
                | EmptyFileException | org.apache.poi.ooxml.POIXMLException e) {
            throw new BadInputException(file.getFileName() + " is not an .xlsx workbook");
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Sheet pick(XSSFWorkbook workbook, String sheetName) {
        if (workbook.getNumberOfSheets() == 0) {
            throw new BadInputException("The workbook has no sheets");
        }
        if (sheetName == null || sheetName.isBlank()) {
            return workbook.getSheetAt(0);
        }
        Sheet sheet = workbook.getSheet(sheetName);
        if (sheet == null) {
            List<String> names = new ArrayList<>();
            workbook.forEach(s -> names.add(s.getSheetName()));
            throw new BadInputException("The workbook has no sheet '" + sheetName + "' (it has " + names + ")");
        }
        return sheet;
    }

    private static SheetGrid grid(Sheet sheet) {
        List<SheetGrid.Row> rows = new ArrayList<>();
        for (Row row : sheet) {
            CellValue[] cells = new CellValue[Math.max(0, row.getLastCellNum())];
            for (Cell cell : row) {
                cells[cell.getColumnIndex()] = valueOf(cell);
            }
            rows.add(new SheetGrid.Row(row.getRowNum(), cells));
        }
        return new SheetGrid(sheet.getSheetName(), rows, sheet.getMergedRegions());
    }

    static CellValue valueOf(Cell cell) {
        if (cell == null) {
            return CellValue.BLANK;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> {
                String text = cell.getStringCellValue().strip();
                yield text.isEmpty() ? CellValue.BLANK : new CellValue(text);
            }
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime at = cell.getLocalDateTimeCellValue();
                    yield at == null ? CellValue.BLANK : new CellValue(at.toLocalDate());
                }
                yield new CellValue(cell.getNumericCellValue());
            }
            case BOOLEAN -> new CellValue(cell.getBooleanCellValue());
            case ERROR -> new CellValue(new CellValue.CellError(cell.getErrorCellValue()));
            default -> CellValue.BLANK;
        };
    }

}
