//! How the movement rules see occupancy during a day: the morning's snapshot every mover shares, or
//! (in `engine::flee_order`) FLEE's running counts. docs/flee-compat.md (a).

use super::{DayContext, DayTables};
use crate::rng::Draw;

/// How the rules see occupancy during a day (docs/flee-compat.md (a)). [`Snapshot`] reads the day's
/// tables (every mover sees the morning's counts); `engine::flee_order::Live` keeps FLEE's running counts.
pub trait Counts {
    /// Draws a route for a mover at `place` with `goal_slot`: `None` = draw from the day's tables;
    /// `Some(None)` = no route can be taken; `Some(Some(r))` = route `r`.
    fn draw_route<R: Draw>(
        &mut self,
        ctx: &DayContext<'_>,
        place: u32,
        goal_slot: u32,
        rng: &mut R,
    ) -> Option<Option<usize>>;
    /// Whether `end` is a camp nearly full enough for routes ending there to be dropped.
    fn full_camp(&self, tables: &DayTables, end: usize) -> bool;
    /// A mover left `place` onto a road.
    fn left(&mut self, place: u32);
    /// A mover reached `place`.
    fn arrived(&mut self, place: u32);
}

/// The day's snapshot: nothing is counted during the day.
pub struct Snapshot;

impl Counts for Snapshot {
    #[inline(always)]
    fn draw_route<R: Draw>(&mut self, _: &DayContext<'_>, _: u32, _: u32, _: &mut R) -> Option<Option<usize>> {
        None
    }
    #[inline(always)]
    fn full_camp(&self, tables: &DayTables, end: usize) -> bool {
        tables.full_camp[end]
    }
    #[inline(always)]
    fn left(&mut self, _: u32) {}
    #[inline(always)]
    fn arrived(&mut self, _: u32) {}
}
