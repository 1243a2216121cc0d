package com.summitlakehouse.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.EmptyFileException;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.WorkbookDocument;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the schedule sheet of an .xlsx workbook by streaming its XML (POI's event API), so that memory follows the
 * schedule's own cells rather than POI's model of the whole workbook. Cells become what the person editing the
 * workbook sees: trimmed text, numbers, booleans, dates (date-formatted numbers), formulas' cached results, errors.
 * {@link ScheduleSheet} then finds the header and applies the merged regions, which the file lists after the rows.
 */
final class WorkbookReader {

    private WorkbookReader() {
    }

    static SheetRows read(Path file, String sheetName) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            boolean date1904 = date1904(reader);
            StylesTable styles = reader.getStylesTable();
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    String name = sheets.getSheetName();
                    names.add(name);
                    if (sheetName == null || sheetName.isBlank() || sheetName.equals(name)) {
                        return ScheduleSheet.interpret(grid(name, sheet, styles, strings, date1904));
                    }
                }
            }
            if (names.isEmpty()) {
                throw new BadInputException("The workbook has no sheets");
            }
            throw new BadInputException("The workbook has no sheet '" + sheetName + "' (it has " + names + ")");
        } catch (NotOfficeXmlFileException | InvalidFormatException | EmptyFileException
                | org.apache.poi.ooxml.POIXMLException e) {
            throw new BadInputException(file.getFileName() + " is not an .xlsx workbook");
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            throw new BadInputException(file.getFileName() + " is not a readable .xlsx workbook: " + e.getMessage());
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Workbooks made on old Macs count days from 1904: their dates must be read that way too. */
    private static boolean date1904(XSSFReader reader) throws IOException, InvalidFormatException {
        try (InputStream workbook = reader.getWorkbookData()) {
            var properties = WorkbookDocument.Factory.parse(workbook).getWorkbook().getWorkbookPr();
            return properties != null && properties.getDate1904();
        } catch (org.apache.xmlbeans.XmlException e) {
            throw new InvalidFormatException("workbook.xml: " + e.getMessage());
        }
    }

    private static SheetGrid grid(String name, InputStream sheet, StylesTable styles,
            ReadOnlySharedStringsTable strings, boolean date1904)
            throws IOException, SAXException, ParserConfigurationException {
        SheetCells cells = new SheetCells(styles, strings, date1904);
        XMLReader parser = SAXHelper.newXMLReader();
        parser.setContentHandler(cells);
        parser.parse(new InputSource(sheet));
        return new SheetGrid(name, cells.rows, cells.merged);
    }

    /** The SAX handler of one worksheet part: rows, their cells' values, and the merged regions. */
    private static final class SheetCells extends DefaultHandler {

        private final StylesTable styles;
        private final ReadOnlySharedStringsTable strings;
        private final boolean date1904;
        final List<SheetGrid.Row> rows = new ArrayList<>();
        final List<CellRangeAddress> merged = new ArrayList<>();

        private final List<CellValue> rowCells = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private int rowIndex = -1;
        private int nextColumn;
        private int column;
        private String type;
        private String style;
        private boolean inValue;
        private boolean inInlineText;
        private boolean hasValue;

        SheetCells(StylesTable styles, ReadOnlySharedStringsTable strings, boolean date1904) {
            this.styles = styles;
            this.strings = strings;
            this.date1904 = date1904;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowIndex = r == null ? rowIndex + 1 : Integer.parseInt(r) - 1;
                    rowCells.clear();
                    nextColumn = 0;
                }
                case "c" -> {
                    String reference = attributes.getValue("r");
                    column = reference == null ? nextColumn : new CellReference(reference).getCol();
                    nextColumn = column + 1;
                    type = attributes.getValue("t");
                    style = attributes.getValue("s");
                    text.setLength(0);
                    hasValue = false;
                }
                case "v" -> {
                    inValue = true;
                    hasValue = true;
                }
                case "t" -> {
                    if ("inlineStr".equals(type)) {
                        inInlineText = true;
                        hasValue = true;
                    }
                }
                case "mergeCell" -> merged.add(CellRangeAddress.valueOf(attributes.getValue("ref")));
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue || inInlineText) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v" -> inValue = false;
                case "t" -> inInlineText = false;
                case "c" -> {
                    while (rowCells.size() <= column) {
                        rowCells.add(null);
                    }
                    rowCells.set(column, hasValue ? value(text.toString()) : CellValue.BLANK);
                }
                case "row" -> rows.add(new SheetGrid.Row(rowIndex, rowCells.toArray(new CellValue[0])));
                default -> {
                }
            }
        }

        /** As CellValue defines it: text trimmed (blank when empty), dates from date-formatted numbers. */
        private CellValue value(String raw) {
            String kind = type == null ? "n" : type;
            return switch (kind) {
                case "s" -> text(strings.getItemAt(Integer.parseInt(raw.strip())).getString());
                case "str", "inlineStr" -> text(raw);
                case "b" -> new CellValue(raw.strip().equals("1"));
                case "e" -> new CellValue(new CellValue.CellError(FormulaError.forString(raw.strip()).getCode()));
                default -> number(raw.strip());
            };
        }

        private static CellValue text(String value) {
            String stripped = value.strip();
            return stripped.isEmpty() ? CellValue.BLANK : new CellValue(stripped);
        }

        private CellValue number(String raw) {
            if (raw.isEmpty()) {
                return CellValue.BLANK;
            }
            double number = Double.parseDouble(raw);
            if (isDateFormatted(number)) {
                LocalDateTime at = DateUtil.getLocalDateTime(number, date1904);
                return at == null ? CellValue.BLANK : new CellValue(at.toLocalDate());
            }
            return new CellValue(number);
        }

        private boolean isDateFormatted(double number) {
            XSSFCellStyle cellStyle = styles.getStyleAt(style == null ? 0 : Integer.parseInt(style));
            return cellStyle != null && DateUtil.isValidExcelDate(number)
                    && DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString());
        }
    }
}
