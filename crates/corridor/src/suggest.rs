//! "Did you mean" hints: the known name a misspelt key or column most likely stands for.

/// The most single-character edits (insertions, deletions, substitutions, swaps of two neighbours)
/// between a name and a known one for the name to count as a misspelling of it.
pub const MAX_EDITS: usize = 2;

/// The name of `known` closest to `name` (edits as [`MAX_EDITS`] counts them, ignoring case), when it is at most
/// [`MAX_EDITS`] edits away; the first of equally close names.
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_by(name, known, str::to_lowercase, MAX_EDITS)
}

/// The name of `known` closest to `name` as people misspell names of places: [`closest`], with an
/// edit allowed for every four letters, once accents, case and surrounding spaces are set aside
/// (`Juchitan` for `Juchitán`, at no edit), so that a missing accent counts for nothing. Names that
/// differ only in those are the same name to it; the first listed wins, as in `closest`.
pub fn closest_place<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    // An edit for every four letters, at most `MAX_EDITS`: `E` is no misspelling of `A`.
    let edits = (fold(name).chars().count() / 4).min(MAX_EDITS);
    closest_by(name, known, fold, edits)
}

/// The name of `known` nearest `name` once both are `normal`ised (optimal string alignment distance:
/// Levenshtein's, with a swap of two neighbouring letters as one edit, so that `Mexcio` is one edit
/// from `Mexico`), when it is at most `edits` edits away; the first of equally near names.
fn closest_by<'a>(
    name: &str,
    known: impl IntoIterator<Item = &'a str>,
    normal: impl Fn(&str) -> String,
    edits: usize,
) -> Option<&'a str> {
    let name = normal(name);
    known
        .into_iter()
        .map(|k| (strsim::osa_distance(&name, &normal(k)), k))
        .filter(|(d, _)| *d <= edits)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// ` (did you mean `K`?)` for the place name of `known` closest to `name` ([`closest_place`]), or
/// nothing: the hint errors about places and countries end with.
pub fn did_you_mean_place<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    closest_place(name, known).map(|k| format!(" (did you mean `{k}`?)")).unwrap_or_default()
}

/// Whether two place names are the same but for case, accents and surrounding spaces.
pub fn same_place_name(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// `s` trimmed, in lower case, with the accented Latin letters of Spanish, Portuguese and French
/// names as their base letters.
fn fold(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'ý' | 'ÿ' => 'y',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Planner's review of session 24: `Juchitan`, `Tijuna` and `San Pedro Sulla` were unknown places
    /// with no hint, where misspelt columns had one.
    #[test]
    fn a_place_is_found_without_its_accents_and_within_two_edits() {
        let known = ["Juchitán", "Tijuana", "San Pedro Sula", "Tecún Umán"];
        assert_eq!(closest_place("Juchitan", known), Some("Juchitán"));
        assert_eq!(closest_place("Tijuna", known), Some("Tijuana"));
        assert_eq!(closest_place("Tijuana ", known), Some("Tijuana"));
        assert_eq!(closest_place("san pedro sulla", known), Some("San Pedro Sula"));
        assert_eq!(closest_place("TECUN UMAN", known), Some("Tecún Umán"));
        assert_eq!(closest_place("Mexico City", known), None);
        // Short names are not guessed at: `Tij` is three edits from `Tijuana`, `E` one from `A`.
        assert_eq!(closest_place("E", ["A"]), None);
        assert_eq!(closest_place("Tijuanaa", known), Some("Tijuana"));
        // A swap of two letters is one edit (input review of session 32: `Mexcio` had no hint).
        assert_eq!(closest_place("Mexcio", ["Mexico", "Guatemala"]), Some("Mexico"));
    }

    #[test]
    fn closest_names_within_two_edits() {
        let known = ["camp_weight", "camp_movechance", "conflict_weight"];
        assert_eq!(closest("camp_wieght", known), Some("camp_weight"));
        assert_eq!(closest("Camp_Weight", known), Some("camp_weight"));
        assert_eq!(closest("campweight", known), Some("camp_weight"));
        assert_eq!(closest("weight", known), None);
        assert_eq!(closest("conflict_wait", known), None);
        // Ties go to the first name listed.
        assert_eq!(closest("ab", ["ax", "ay"]), Some("ax"));
    }
}
