//! Event counters of every institution (agents' events, or caravans' for the programme), summed
//! over the run for summary.json's totals. Each counter belongs to one institution, named
//! `institution.event` in the output.

macro_rules! counters {
    ($( $id:ident = $inst:literal, $event:literal; )*) => {
        /// Events counted by the institutions.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Counter { $($id,)* }

        impl Counter {
            pub const ALL: &'static [Counter] = &[$(Counter::$id,)*];
            pub const COUNT: usize = Counter::ALL.len();
            /// The institution it belongs to.
            pub fn institution(self) -> &'static str {
                match self { $(Counter::$id => $inst,)* }
            }
            /// The event it counts.
            pub fn event(self) -> &'static str {
                match self { $(Counter::$id => $event,)* }
            }
        }
    };
}

counters! {
    Joined = "metering", "joined";
    TurnedBack = "metering", "turned_back";
    OtherPortOnArrival = "metering", "other_port_on_arrival";
    Presented = "metering", "presented_without_metering";
    Called = "metering", "called";
    LeftHome = "metering", "left_home";
    LeftOtherPort = "metering", "left_other_port";
    LeftCross = "metering", "left_to_cross";
    LeftForIom = "metering", "left_for_iom";
    CrossAttempts = "crossing", "attempts";
    CrossCaught = "crossing", "apprehended";
    CrossEvaded = "crossing", "evaded";
    CrossIneligible = "crossing", "ineligible_after_proclamation";
    ScreenPassed = "screening", "passed";
    ScreenFailed = "screening", "failed_removed";
    Released = "screening", "released_in_us";
    UsDetained = "screening", "detained_in_us";
    NeverFile = "screening", "never_file";
    MppReturned = "mpp", "returned_to_mexico";
    MppExemptVulnerable = "mpp", "exempt_vulnerable";
    MppExemptFear = "mpp", "exempt_fear";
    MppOverCapacity = "mpp", "not_returned_over_capacity";
    MppGaveUpHome = "mpp", "gave_up_home";
    MppGaveUpCross = "mpp", "gave_up_cross";
    MppGaveUpSettle = "mpp", "gave_up_settle_in_mexico";
    OrderedLeftHome = "mpp", "ordered_removed_went_home";
    OrderedLeftCross = "mpp", "ordered_removed_crossed";
    OrderedLeftSettle = "mpp", "ordered_removed_settled_in_mexico";
    OrderedCaughtRemoved = "mpp", "ordered_removed_caught_crossing_removed";
    OrderedPresentedRemoved = "mpp", "ordered_removed_presented_removed";
    CasesFiled = "courts", "cases_booked";
    NoDate = "courts", "cases_without_a_date";
    Granted = "courts", "granted";
    Denied = "courts", "denied";
    InAbsentia = "courts", "in_absentia";
    RemovedAfterDenial = "courts", "denied_in_detention_removed";
    MppGranted = "courts", "mpp_granted";
    MppDenied = "courts", "mpp_denied";
    MppInAbsentia = "courts", "mpp_in_absentia";
    Paroled = "us_detention", "paroled";
    Apprehended = "enforcement", "apprehended";
    Raided = "enforcement", "apprehended_in_raids";
    Detained = "enforcement", "detained";
    ReleasedFull = "enforcement", "released_detention_full";
    Deported = "enforcement", "deported";
    Clashes = "enforcement", "clash_exposures";
    ClashInjured = "enforcement", "clash_injured";
    ClashDead = "enforcement", "clash_dead";
    ComarApplied = "comar", "applied";
    ComarRecognised = "comar", "recognised";
    ComarRejected = "comar", "rejected";
    ComarAbandoned = "comar", "abandoned";
    ProgrammeCaravans = "programme", "caravans_accepted";
    ProgrammePeople = "programme", "people_accepted";
    VisaPetitions = "humanitarian_visa", "petitions";
    VisaIssued = "humanitarian_visa", "issued";
    VisaExpired = "humanitarian_visa", "expired";
    IomRegistered = "iom", "registered";
    IomReturned = "iom", "returned";
    IomUnfunded = "iom", "registrations_lapsed_unfunded";
    IomClosed = "iom", "registrations_lapsed_closed";
    IomWithdrawn = "iom", "registrations_withdrawn";
    HazardViolence = "hazards", "violence_deaths";
    HazardKidnapping = "hazards", "kidnapped_missing";
    HazardAccident = "hazards", "accident_deaths";
}

/// The run's event totals by counter, in people (an agent's event counts `people_per_agent` people,
/// each time it happens; the programme's caravans one by one): summary.json's `totals`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Totals(Vec<u64>);

impl Totals {
    /// Totals from the agents' event counts, `counts[c as usize]` for counter `c`.
    pub fn of(counts: &[u64], people_per_agent: u64) -> Totals {
        Totals(
            Counter::ALL
                .iter()
                .map(|&c| counts[c as usize] * if c.counts_agents() { people_per_agent } else { 1 })
                .collect(),
        )
    }

    /// The total of counter `c`.
    pub fn get(&self, c: Counter) -> u64 {
        self.0[c as usize]
    }
}

impl Counter {
    /// Whether each count is one agent's event, so `people_per_agent` people in the output (an agent
    /// counted again each time the event recurs); false for the programme's caravans, counted one
    /// by one.
    pub fn counts_agents(self) -> bool {
        !matches!(self, Counter::ProgrammeCaravans)
    }
}
