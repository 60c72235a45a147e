//! "Did you mean" hints: the known name a misspelt key or column most likely stands for.

/// The most single-character edits (insertions, deletions, substitutions) between a name and a known
/// one for the name to count as a misspelling of it.
pub const MAX_EDITS: usize = 2;

/// The name of `known` closest to `name` (Levenshtein distance, ignoring case), when it is at most
/// [`MAX_EDITS`] edits away; the first of equally close names.
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_lowercase();
    known
        .into_iter()
        .map(|k| (strsim::levenshtein(&name, &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= MAX_EDITS)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

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
