//! The columns of a FLEE folder's locations, routes and closures tables, which FLEE reads by position.
//! Read by name here, they must stand where FLEE reads them, and each row must have the cells FLEE reads.

use super::error::{InputLocation, Result, ScenarioError};
use super::geography::{CLOSURE_COLUMNS, LOCATION_COLUMNS, ROUTE_COLUMNS};
use super::table::{missing_column, normalise_header, Column, ExtraColumn, Row, Table, TableError};
use std::path::Path;

/// FLEE reads locations.csv's first eight columns by position and keeps any further column as a
/// location attribute (`InputGeography.py`, "Loading of static attributes").
pub const FLEE_LOCATION_FIELDS: usize = 8;

/// A FLEE folder's locations table, as FLEE reads it (`InputGeography.py`, `ReadLocationsFromCSV`):
/// every row's first eight cells by position (`loc[7]` first), so all eight are required, in the
/// header and in each row.
pub const LOCATIONS: ByPosition =
    ByPosition { spec: LOCATION_COLUMNS, reads: FLEE_LOCATION_FIELDS, least: FLEE_LOCATION_FIELDS };

/// FLEE reads routes.csv's first four columns by position and keeps any further column as a link
/// attribute (`InputGeography.py`, `ReadLinksFromCSV`).
pub const FLEE_ROUTE_FIELDS: usize = 4;

/// The link attributes FLEE's kernel reads (`Person.finish_travel`, flee.py:312 and 318: the speed on a
/// link, and the chance of walking it), which corridor applies as FLEE does. FLEE keys an attribute by
/// its header cell as written, so reads them only under exactly these names: the routes columns are
/// `Column::exact`, and a column naming one otherwise is an extra column, warned of and never parsed.
pub const FLEE_LINK_ATTRIBUTES: [&str; 2] = ["max_move_speed", "walk_probability"];

/// A FLEE folder's routes table, as FLEE reads it: `link[0]` to `link[2]` of every row, and
/// `forced_redirection` when the row has it (`InputGeography.py`, `StoreInputGeographyInEcosystem`).
pub const ROUTES: ByPosition = ByPosition { spec: ROUTE_COLUMNS, reads: FLEE_ROUTE_FIELDS, least: 3 };

/// A FLEE folder's closures table, as FLEE reads it (`StoreInputGeographyInEcosystem`): a row's five
/// cells by position (`int(link[3]), int(link[4])`), so all five are required (`name2` may be empty
/// in a row).
pub const CLOSURES: ByPosition = ByPosition { spec: CLOSURE_COLUMNS, reads: 5, least: 5 };

/// A FLEE table: the columns corridor knows, of which FLEE reads the first by position. Messages
/// name every column by corridor's name of it (`lat`, where FLEE's code says `gps_x`), the name
/// the docs and the known FLEE folders use; a header naming one otherwise is told so where it matters.
pub struct ByPosition {
    /// The known columns, those FLEE reads by position first and in its order.
    pub spec: &'static [Column],
    /// How many of them FLEE reads by position. An unknown column after them is kept and returned
    /// (FLEE stores it as an attribute, or ignores it) rather than refused.
    pub reads: usize,
    /// The cells FLEE reads in every row (the first `least` of `spec`): it stops on a row with fewer.
    /// The header must name them all, whether `spec` requires them or not (a scenario's own tables
    /// read by the same columns may leave them out).
    pub least: usize,
}

impl ByPosition {
    /// The names of the first `n` columns, in FLEE's order, for messages.
    fn names(&self, n: usize) -> String {
        self.spec[..n].iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
    }

    /// Reads `bytes` (of `path`) as this table. A required column missing is an error saying that FLEE
    /// reads it by position, and so is a known column of the header at a position where FLEE reads
    /// another: read by name here and by position in FLEE, the file would be two different worlds.
    pub fn parse(&self, path: &Path, bytes: &[u8]) -> Result<(Table, Vec<ExtraColumn>)> {
        let required = |(i, c): (usize, &Column)| Column { required: c.required || i < self.least, ..*c };
        let spec: Vec<Column> = self.spec.iter().enumerate().map(required).collect();
        let (table, extras) = match Table::parse_columns(path, bytes, &spec, self.reads) {
            Ok(read) => read,
            Err(TableError::MissingColumn { location, column }) => {
                let (n, read) = (self.least, self.names(self.least));
                let message = format!(
                    "{}: FLEE reads the first {n} columns of every row by position ({read})",
                    missing_column(column)
                );
                return Err(ScenarioError::invalid(location, message));
            }
            Err(TableError::Other(e)) => return Err(e),
        };
        for (i, column) in self.spec[..self.reads].iter().enumerate() {
            if let Some(found) = table.column_at(i).filter(|&found| found != column.name) {
                // The header's own word, and the column corridor reads it as when that is another name.
                let written = normalise_header(table.header_cell(i));
                let is =
                    if written == found { format!("`{found}`") } else { format!("`{written}` (read as `{found}`)") };
                let message = format!(
                    "column {} is {is}, where FLEE reads `{}` by position: FLEE reads the first {} columns in this \
                     order ({}), whatever the header says",
                    i + 1,
                    column.name,
                    self.reads,
                    self.names(self.reads)
                );
                let at = InputLocation::at(path, table.header_line()).with_column(i + 1);
                return Err(table.explain_quotes(ScenarioError::invalid(at, message)));
            }
        }
        Ok((table, extras))
    }

    /// Checks every row of `table` with [`ByPosition::check_cells`], allowing as many cells as the
    /// header has columns (at least the `reads` FLEE reads), an error's unbalanced quote named.
    pub fn check_rows(&self, table: &Table) -> Result<()> {
        let most = table.header_width().max(self.reads);
        for row in table.rows() {
            self.check_cells(table, &row, Some(most)).map_err(|e| table.explain_quotes(e))?;
        }
        Ok(())
    }

    /// Checks the number of cells of `row` of `table`: fewer than FLEE reads is an error naming the
    /// first missing field (FLEE stops with an IndexError). So is one past `most`, when given: FLEE
    /// stores the cells after the ones it reads as attributes named by the header and stops with an
    /// IndexError at one the header has no name for.
    pub fn check_cells(&self, table: &Table, row: &Row, most: Option<usize>) -> Result<()> {
        let (n, least) = (row.cells(), self.least);
        if n < least {
            let field = table.column_at(n).unwrap_or_else(|| self.spec.get(n).map_or("?", |c| c.name));
            return Err(ScenarioError::invalid(
                InputLocation::at(&table.path, row.line).with_column(n + 1).with_field(field),
                format!(
                    "missing: the row has {n} cells, and FLEE reads the first {least} of every row by position ({}), \
                     stopping with an IndexError on this one",
                    self.names(least)
                ),
            ));
        }
        if let Some(most) = most.filter(|&m| n > m) {
            return Err(ScenarioError::invalid(
                InputLocation::at(&table.path, row.line).with_column(most + 1),
                format!(
                    "this row has {n} cells, more than the header's {most} columns: FLEE keeps the cells past the \
                     {}th as attributes named by the header and stops with an IndexError on one it has no name for \
                     (a value with a comma needs quotes, \"a, b\")",
                    self.reads
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(by: &ByPosition, text: &str) -> String {
        by.parse(Path::new("t.csv"), text.as_bytes()).err().map(|e| e.to_string()).unwrap_or_default()
    }

    /// Left by the FLEE-user review: routes.csv and closures.csv headers naming FLEE's columns in
    /// another order loaded by name, where FLEE reads them by position (a distance as a place, a place
    /// as a closure type), as locations.csv's already did not.
    #[test]
    fn routes_and_closures_out_of_flees_order_are_an_error() {
        let e = error(&ROUTES, "#name1,distance,name2\nA,5,B\n");
        assert_eq!(
            e,
            "t.csv:1:2: column 2 is `distance`, where FLEE reads `name2` by position: FLEE reads the first 4 \
             columns in this order (name1, name2, distance, forced_redirection), whatever the header says"
        );
        // FLEE's fourth is `forced_redirection`, whatever corridor would read there.
        let e = error(&ROUTES, "name1,name2,distance,max_move_speed\nA,B,5,9\n");
        assert!(e.starts_with("t.csv:1:4: column 4 is `max_move_speed`, where FLEE reads `forced_redirection`"), "{e}");
        let e = error(&CLOSURES, "\n#name1,closure_type,name2,closure_start,closure_end\nA,location,,1,2\n");
        assert!(e.starts_with("t.csv:2:1: column 1 is `name1`, where FLEE reads `closure_type` by position"), "{e}");
        assert!(e.contains("(closure_type, name1, name2, closure_start, closure_end)"), "{e}");
        let e = error(&LOCATIONS, "name,region,country,lat,lon,location_type,population,conflict_date\n");
        assert!(e.starts_with("t.csv:1:7: column 7 is `population`, where FLEE reads `conflict_date`"), "{e}");
    }

    /// Review: the column-order error named the file's column by corridor's name and FLEE's order by
    /// FLEE's code's (`column 4 is `lon`, where FLEE reads `lat` … (name, region, country, gps_x,
    /// gps_y, …)`). Every name is now corridor's, the one the docs and FLEE's folders use, and a
    /// header's other name for a column is said once, where it stands.
    #[test]
    fn the_column_order_error_names_columns_one_way() {
        let order = "(name, region, country, lat, lon, location_type, conflict_date, population)";
        let e = error(&LOCATIONS, "name,region,country,lon,lat,location_type,conflict_date,population\n");
        assert_eq!(
            e,
            format!(
                "t.csv:1:4: column 4 is `lon`, where FLEE reads `lat` by position: FLEE reads the first 8 columns in \
                 this order {order}, whatever the header says"
            )
        );
        let e = error(&LOCATIONS, "#name,region,country,gps_y,gps_x,location_type,conflict_date,pop/cap\n");
        assert!(e.starts_with("t.csv:1:4: column 4 is `gps_y` (read as `lon`), where FLEE reads `lat`"), "{e}");
        let e = error(&LOCATIONS, "name,region,country,lat,lon,location_type,conflict_date\n");
        assert!(e.ends_with(&format!("by position {order}")), "{e}");
    }

    /// Review: a header with several misquoted cells blamed the first, `"#"name1` (read as `#name1`,
    /// which FLEE's header may be), for the unknown column the next one made by running two names
    /// into one: the quote that ran cells together is named.
    #[test]
    fn the_quote_that_ran_header_names_together_is_named() {
        let e = error(&ROUTES, "\"#\"name1,\"name2,\"distance\",forced_redirection\nA,B,5,0\n");
        assert!(e.starts_with("t.csv:1:2: unbalanced quotes: column 2, `\"name2,\"distance\"`"), "{e}");
        assert!(e.contains("Read so: unknown column `name2,distance`; expected columns: name1, name2,"), "{e}");
    }

    /// What FLEE reads alike loads alike: FLEE's names however its folders write them (quoted, `#`
    /// inside or outside the quotes, `distance[km]`), a header shorter than the cells FLEE may read,
    /// and columns after them (FLEE's attributes).
    #[test]
    fn headers_in_flees_order_load_however_written() {
        for text in [
            "#\"name1\",\"name2\",\"distance\",forced_redirection\n",
            "\"#name1\",\"name2\",\"distance\",\"forced_redirection\"\r\n",
            "#name1,name2,distance[km]\n",
            "name1,name2,distance,forced_redirection,road_type\n",
        ] {
            assert_eq!(error(&ROUTES, text), "", "{text:?}");
        }
        assert_eq!(error(&CLOSURES, "#closure_type,name1,name2,closure_start,closure_end\r\n"), "");
    }

    /// A closures header with a column after FLEE's five was refused as an unknown column; FLEE reads
    /// a closure's first five cells and skips the header, so it is kept for a warning, as a routes or
    /// locations attribute is. A misspelt known column stays an error.
    #[test]
    fn a_column_after_flees_five_closures_columns_is_kept() {
        let text = b"#closure_type,name1,name2,closure_start,closure_end,note\nlocation,A,,1,2,x\n";
        let (table, extras) = CLOSURES.parse(Path::new("t.csv"), text).expect("loads");
        assert_eq!((table.len(), extras.len(), extras[0].column, extras[0].name.as_str()), (1, 1, 6, "note"));
        let e = error(&CLOSURES, "closure_type,name1,name2,closure_start,closure_end,closure_ed\n");
        assert!(e.contains("unknown column `closure_ed` (did you mean `closure_end`?)"), "{e}");
    }

    /// A missing column says that FLEE reads it by position, with the cells FLEE reads in every row.
    #[test]
    fn a_missing_column_says_flee_reads_it_by_position() {
        let e = error(&CLOSURES, "closure_type,name1,name2,closure_start\n");
        assert_eq!(
            e,
            "t.csv:1: missing required column `closure_end`: FLEE reads the first 5 columns of every row by position \
             (closure_type, name1, name2, closure_start, closure_end)"
        );
        let e = error(&ROUTES, "name1,name2\n");
        assert!(
            e.ends_with("`distance`: FLEE reads the first 3 columns of every row by position (name1, name2, distance)")
        );
    }

    /// Review of session 18: the FLEE tables restated a scenario's location and closure columns with
    /// FLEE's cells required, which `least` already says; they are one list now, and a header
    /// missing several of FLEE's columns still names the first in FLEE's order, a scenario's optional
    /// ones (`region`) included.
    #[test]
    fn flee_tables_read_a_scenarios_columns_requiring_the_cells_flee_reads() {
        let e = error(&LOCATIONS, "#name,country,lat,lon,conflict_date,population\n");
        assert!(e.starts_with("t.csv:1: missing required column `region`: FLEE reads the first 8 columns"), "{e}");
        let e = error(&CLOSURES, "#closure_type,name1,closure_start\n");
        assert!(e.starts_with("t.csv:1: missing required column `name2`: FLEE reads the first 5 columns"), "{e}");
    }
}
