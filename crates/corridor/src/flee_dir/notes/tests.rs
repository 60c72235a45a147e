//! Tests of the folder warnings: hand-made folders and cells, each warning against what FLEE does.

use super::*;

/// Review of session 18: a routes.csv whose header lacks FLEE's `#` ran silently in corridor,
/// where FLEE takes the line for a route and stops (`int("forced_redirection")`).
#[test]
fn a_header_without_flees_hash_is_warned_of() {
    let path = Path::new("routes.csv");
    let warned = |text: &str| {
        let mut w = Vec::new();
        unmarked_header(path, text.as_bytes(), &mut w);
        w
    };
    let w = warned("name1,name2,distance,forced_redirection\nA,B,10,0\n");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("routes.csv:1:1: the header's first cell `name1` does not start with `#`"), "{w:?}");
    assert!(warned("\n\nname1,name2\n")[0].starts_with("routes.csv:3:1:"), "the first line that is not blank");
    for marked in ["#name1,name2\n", "\"#name1\",\"name2\"\n", "#\"name1\",\"name2\"\n", ""] {
        assert!(warned(marked).is_empty(), "{marked:?}");
    }
    // After a byte order mark FLEE sees no `#` either: the mark is named, `#` or not.
    for text in ["\u{feff}#name1,name2\n", "\u{feff}name1,name2\n"] {
        let w = warned(text);
        assert!(
            w.len() == 1 && w[0].starts_with("routes.csv:1:1: the file starts with a UTF-8 byte order mark"),
            "{w:?}"
        );
    }
}

/// Review of session 19: a padded name (`C `) ran silently, where FLEE keeps the spaces and stops on
/// a route to `C`: the warning says so at the cell, in the words of the closures' padded names.
#[test]
fn a_padded_name_says_what_flee_does() {
    let mut w = Vec::new();
    let at = InputLocation::at(Path::new("locations.csv"), 4).with_column(1).with_field("name");
    let routes = Path::new("routes.csv");
    let stop = LinkStop {
        line: 5,
        column: 1,
        name: "C".into(),
        message: "link created to non-existent source: C  with dest E".into(),
    };
    padded_name_warnings(vec![(at.clone(), "C ".to_string(), true)], Some(&stop), routes, &mut w);
    assert_eq!(
        w,
        ["locations.csv:4:1: field `name`: spaces around the name, `C `: FLEE keeps them, and finds no place `C` \
          where routes.csv, closures.csv or conflicts.csv name it so (a route to it: FLEE stops on routes.csv:5, \
          \"link created to non-existent source: C  with dest E\"); corridor reads it trimmed, `C` \
          (docs/flee-compat.md, \"Smaller points\")"]
    );
    // Review of session 20: FLEE stops elsewhere (or not at all: routes name `C ` as it reads it), so
    // the warning does not quote a stop on a route to it.
    let elsewhere = LinkStop { name: "B".into(), ..stop };
    for (stop, camp) in [(Some(&elsewhere), true), (None, false)] {
        let mut w = Vec::new();
        padded_name_warnings(vec![(at.clone(), "C ".to_string(), camp)], stop, routes, &mut w);
        assert!(w[0].contains("name it so; corridor reads it trimmed"), "{w:?}");
    }
    // A camp that routes name as FLEE reads it: FLEE links up, then stops on the camp's series (tried
    // on tiny_a2f: exit 1, nothing written).
    let mut w = Vec::new();
    padded_name_warnings(vec![(at.clone(), "C ".to_string(), true)], None, routes, &mut w);
    assert!(
        w[0].contains(
            "name it so (and, as it is a camp, FLEE looks up its observed series as `C ` and stops, \"Exception: \
             Error: can't find the header C  in the header list\", exit 1 and no day written); corridor reads"
        ),
        "{w:?}"
    );
}

/// Review of session 19: a padded name in routes.csv (`A, B`) ran silently, where FLEE keeps ` B` and
/// stops: the warning gives FLEE's words for either end, but not for a name locations.csv pads alike,
/// and only for the first (session 19's leftover: every padded name quoted FLEE's stop).
#[test]
fn a_padded_route_name_says_what_flee_does() {
    let mut w = Vec::new();
    let at =
        |line, column, field| InputLocation::at(Path::new("routes.csv"), line).with_column(column).with_field(field);
    let padded = |at, end, names: [&str; 2], read: &str| PaddedRouteName {
        at,
        end,
        names: names.map(str::to_string),
        read: read.to_string(),
    };
    // FLEE's names: `E ` padded in locations.csv too, so a route to `E ` finds it.
    let flee_names: Vec<String> = ["A", "B", "C", "D", "E "].map(str::to_string).to_vec();
    let link = |line, ends: [(&str, usize); 2]| FleeLink { line, ends: ends.map(|(n, c)| (n.to_string(), c)) };
    let links = [link(2, [("E ", 1), ("D", 2)]), link(3, [(" \"C\"", 1), ("D", 2)]), link(4, [("A", 1), (" B", 2)])];
    let stop = flee_link_stop(&links, &flee_names);
    assert_eq!(stop.as_ref().map(|s| (s.line, s.column)), Some((3, 1)));
    assert_eq!(stop.as_ref().unwrap().message, "link created to non-existent source:  \"C\"  with dest D");
    let names = vec![
        padded(at(2, 1, "name1"), 0, ["E ", "D"], "E"),
        padded(at(3, 1, "name1"), 0, [" \"C\"", "D"], "C"),
        padded(at(4, 2, "name2"), 1, ["A", " B"], "B"),
    ];
    padded_route_warnings(names, &flee_names, stop.as_ref(), &mut w);
    assert_eq!(
        w,
        [
            "routes.csv:3:1: field `name1`: spaces around the name, ` \"C\"`: FLEE keeps them, finds no place so \
             named and stops (\"link created to non-existent source:  \"C\"  with dest D\", exit 0 and no output); \
             corridor reads it trimmed, `C` (docs/flee-compat.md, \"Smaller points\")",
            "routes.csv:4:2: field `name2`: spaces around the name, ` B`: FLEE keeps them, would find no place so \
             named, but stops before it, on line 3; corridor reads it trimmed, `B` (docs/flee-compat.md, \"Smaller \
             points\")"
        ]
    );
    // The first alone, at the other end, in FLEE's words for a destination.
    let mut w = Vec::new();
    let stop = flee_link_stop(&[link(2, [("A", 1), (" B", 2)])], &flee_names);
    padded_route_warnings(vec![padded(at(2, 2, "name2"), 1, ["A", " B"], "B")], &flee_names, stop.as_ref(), &mut w);
    assert_eq!(
        w,
        ["routes.csv:2:2: field `name2`: spaces around the name, ` B`: FLEE keeps them, finds no place so named \
          and stops (\"link created to non-existent destination:  B with source A\", exit 0 and no output); \
          corridor reads it trimmed, `B` (docs/flee-compat.md, \"Smaller points\")"]
    );
}

/// Review of session 20: FLEE links a row of `forced_redirection` 2 from `name2` to `name1`, so it
/// looks up `name2` first; and it stops on a route to a place locations.csv pads (`D ` there, `D`
/// here), before any padded route name (both tried on tiny_a2f).
#[test]
fn flee_stops_where_it_links_up_a_name_it_does_not_find() {
    let flee_names: Vec<String> = ["A", "B", "C", "D ", "E"].map(str::to_string).to_vec();
    let link = |line, ends: [(&str, usize); 2]| FleeLink { line, ends: ends.map(|(n, c)| (n.to_string(), c)) };
    let swapped = [link(2, [("A", 1), ("B", 2)]), link(5, [(" D", 2), (" C", 1)])];
    assert_eq!(
        flee_link_stop(&swapped, &flee_names),
        Some(LinkStop {
            line: 5,
            column: 2,
            name: " D".into(),
            message: "link created to non-existent source:  D  with dest  C".into()
        })
    );
    let earlier = [link(5, [("C", 1), ("D", 2)]), link(10, [(" E", 1), ("F", 2)])];
    let stop = flee_link_stop(&earlier, &flee_names);
    let at = stop.as_ref().map(|s| (s.line, s.column, s.name.as_str(), s.message.as_str()));
    assert_eq!(at, Some((5, 2, "D", "link created to non-existent destination: D with source C")));
    let mut w = Vec::new();
    let at = InputLocation::at(Path::new("routes.csv"), 10).with_column(1).with_field("name1");
    let padded = PaddedRouteName { at, end: 0, names: [" E".into(), "F".into()], read: "E".into() };
    padded_route_warnings(vec![padded], &flee_names, stop.as_ref(), &mut w);
    assert!(w[0].contains("FLEE keeps them, would find no place so named, but stops before it, on line 5;"), "{w:?}");
    assert_eq!(flee_link_stop(&[link(2, [("A", 1), ("D ", 2)])], &flee_names), None);
}

/// Review of session 19: a byte order mark alone on its line was passed over with the blank line,
/// and the next judged; FLEE reads it as a row of one cell, `['\ufeff']`, takes it for a route
/// (it does not start with `#`) and stops with an IndexError (tried on tiny_a2f's locations.csv
/// and routes.csv).
#[test]
fn a_byte_order_mark_alone_on_its_line_is_a_row_for_flee() {
    for text in ["\u{feff}\n#name1,name2\nA,B\n", "\u{feff}\r\n#name1,name2\n", "\u{feff}"] {
        let mut w = Vec::new();
        unmarked_header(Path::new("routes.csv"), text.as_bytes(), &mut w);
        assert_eq!(w.len(), 1, "{text:?}: {w:?}");
        assert!(w[0].starts_with("routes.csv:1:1: the file starts with a UTF-8 byte order mark"), "{w:?}");
        assert!(w[0].contains("into a row of its own, `\\ufeff`, as nothing follows the mark on its line"), "{w:?}");
        assert!(w[0].contains("stops on it (IndexError: it has no second cell)"), "{w:?}");
    }
}
