-- The staff page counts the records under each unknown column's header; an import of many rows with an
-- extra column keeps one value a row, so the count reads this index rather than the table.
CREATE INDEX kept_values_header ON kept_values (column_code, header);
