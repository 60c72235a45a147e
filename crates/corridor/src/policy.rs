//! Institution parameters and dated policies: every parameter has a name, a default with its source,
//! and may be set from a date to a date (at one port or place) by `[[policy]]` entries.

/// What a parameter's values mean, for checking scenario input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A named switch: on (1) or off (0); written `true`/`false` (or 1/0).
    Switch,
    /// A probability or share in [0, 1].
    Share,
    /// A number >= 0 (capacities, rates, money).
    Amount,
    /// A number of days from 0 to `MAX_PARAM_DAYS` (a stay, a wait before a hearing): added to a day number.
    Days,
    /// A whole number of people, from 0 to `MAX_PEOPLE` (shelter places, as the places table has them).
    People,
    /// A number of people or of people a day, from 0 to `MAX_PEOPLE`, fractions allowed (a backlog, cases
    /// added each day): counts the queues add up, so bounded (robustness review of session 34: a
    /// background of 1e300 cases a day showed u64::MAX waiting in queues.csv).
    Count,
}

/// The most people a `People` parameter may count (a billion: more than live in the region).
pub const MAX_PEOPLE: f64 = 1e9;
// `Param::check`'s message writes the limit out: it changes with it.
const _: () = assert!(MAX_PEOPLE == 1e9, "`MAX_PEOPLE_TEXT` says 1,000,000,000");
/// `MAX_PEOPLE` as messages write it.
pub const MAX_PEOPLE_TEXT: &str = "1,000,000,000";

/// The most days a `Days` parameter may count: 100 years, the courts' calendar's horizon (a longer
/// stay would wrap the day number round; code review of session 32: 4,294,967,295 processing days
/// deported everyone at once).
pub const MAX_PARAM_DAYS: f64 = crate::institutions::courts::HORIZON as f64;

/// Where a parameter applies: everywhere, per port (a `[[policy]]` may name one with `at`), or per
/// place (a `[[policy]]` must name one with `at`; the base value is the place's own, from its table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Global,
    Port,
    Place,
}

macro_rules! params {
    ($( $id:ident = $name:literal, $default:expr, $kind:ident, $scope:ident, $source:literal; )*) => {
        /// Every institution parameter (see docs/institutions.md for each one's meaning and source).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[repr(u16)]
        pub enum Param { $($id,)* }

        impl Param {
            pub const ALL: &'static [Param] = &[$(Param::$id,)*];
            pub const COUNT: usize = Param::ALL.len();

            /// The name used in scenario files: `family.key`.
            pub fn name(self) -> &'static str {
                match self { $(Param::$id => $name,)* }
            }
            pub fn default_value(self) -> f64 {
                match self { $(Param::$id => $default as f64,)* }
            }
            pub fn kind(self) -> Kind {
                match self { $(Param::$id => Kind::$kind,)* }
            }
            pub fn scope(self) -> Scope {
                match self { $(Param::$id => Scope::$scope,)* }
            }
            /// Where the default comes from: a seed file, a published figure, or an assumption.
            pub fn source(self) -> &'static str {
                match self { $(Param::$id => $source,)* }
            }
        }
    };
}

params! {
    // Metering at US ports of entry.
    MeteringActive = "metering.active", 1, Switch, Port, "seeds/001 (number ledger), seeds/003 (turn-backs); caravan-2018.md (c): Tijuana list since Dec 2017 [95]";
    MeteringCapacity = "metering.capacity_per_day", 8.2, Amount, Port, "seeds/001: 200-300 a month (250 / 30.4 days)";
    MeteringTurnBack = "metering.turn_back_chance", 0.0, Share, Port, "assumption: no turn-back without a number unless a scenario sets one (seeds/003 names turn-backs, no rate)";
    LeaveHomeDaily = "metering.leave_home_daily", 0.0005, Share, Port, "assumption: few go home on their own; IOM survey ~4% want to go home in Tijuana [57]";
    LeaveHomeGrowth = "metering.leave_home_growth_per_30_days", 0.0005, Amount, Port, "assumption: propensity grows with time waited (issue 3, point 4)";
    LeaveOtherPortDaily = "metering.other_port_daily", 0.0005, Share, Port, "assumption: some try another port; no published rate";
    OtherPortOnArrivalPerMonth = "metering.other_port_on_arrival_per_month_of_wait", 0.0, Amount, Global, "assumption: none unless a scenario sets it; no source measures how a list's length moves arrivals to another port";
    // Crossing between ports.
    CrossOnArrival = "crossing.on_arrival", 0.05, Share, Global, "assumption: a few cross on arrival without joining a list";
    CrossOnArrivalCaravan = "crossing.on_arrival_caravan", 0.05, Share, Global, "assumption: caravan members came to ask for asylum at the port (2,560 on the Tijuana list by Nov 27 2018 [97]); as few cross on arrival as in the default";
    CrossOnArrivalPerMonth = "crossing.on_arrival_per_month_of_wait", 0.0, Amount, Global, "assumption: none unless a scenario sets it; no source measures how the list's length moves the choice to cross on arrival";
    CrossDaily = "crossing.daily", 0.001, Share, Port, "assumption: the choice to cross starts low";
    CrossGrowth = "crossing.growth_per_30_days", 0.002, Amount, Port, "assumption: rises with time waited (issue 3, point 5)";
    CrossMaxDaily = "crossing.max_daily", 0.05, Share, Port, "assumption: cap on the daily chance to cross";
    CrossApprehension = "crossing.apprehension", 0.5, Share, Global, "assumption: about half of those crossing are caught by the Border Patrol";
    TroopsActive = "troops.active", 0, Switch, Global, "seeds/002: troops to the border (2,092 Guard + 5,200 active duty from Oct 29 2018 [85])";
    TroopsBoost = "troops.apprehension_boost", 0.3, Share, Global, "assumption: troops and razor wire (seeds/000) catch 30% of those who would have evaded";
    Proclamation = "proclamation.active", 0, Switch, Global, "seeds/000: Nov 9 2018 proclamation; blocked Nov 19 [88]";
    // Credible-fear screening.
    ScreeningDays = "screening.days", 2, Days, Global, "assumption: a credible-fear interview within days of presenting";
    PassProtected = "screening.pass_protected", 0.9, Share, Global, "assumption: calibrated with pass_unprotected to the 71% positive rate [125]";
    PassUnprotected = "screening.pass_unprotected", 0.65, Share, Global, "assumption: calibrated to the 71% positive rate [125]";
    DetainShare = "screening.detain_share", 0.2, Share, Global, "assumption: most who pass are released ('catch and release', seeds/000)";
    NeverFile = "screening.never_file_share", 0.5, Share, Global, "seeds/000: about half who plead credible fear never file a claim";
    UsDetentionCapacity = "us_detention.capacity", 42000, Amount, Global, "assumption: ICE average daily population of about 42,000 in FY2018";
    UsParoleDaily = "us_detention.parole_daily", 0.0, Share, Global, "[148]: parole of detained asylum seekers who had passed credible fear fell from over 90% to near zero at five ICE field offices in 2017-2018; none unless a scenario sets it";
    // MPP (Remain in Mexico).
    MppActive = "mpp.active", 0, Switch, Port, "seeds/001: from Jan 25 2019, first at San Ysidro";
    MppExemptVulnerable = "mpp.exempt_vulnerable", 1, Switch, Global, "seeds/001: vulnerable groups are exempt";
    MppExemptFear = "mpp.exempt_fear", 1, Switch, Global, "seeds/001: anyone who expresses fear of return to Mexico is exempt";
    MppCapacity = "mpp.capacity_per_day", 1000000, Amount, Port, "assumption: no daily limit unless a scenario sets one (MPP was phased in: 20 a day at San Ysidro from Jan 25 2019 [140])";
    MppFearShare = "mpp.fear_share", 0.1, Share, Global, "assumption: one in ten express a fear of return to Mexico";
    MppGiveUpDaily = "mpp.give_up_daily", 0.002, Share, Global, "assumption: MPP returnees give up slowly while waiting months in Mexico";
    MppGiveUpHome = "mpp.give_up_home_share", 0.5, Share, Global, "assumption: half of those giving up go home";
    MppGiveUpCross = "mpp.give_up_cross_share", 0.25, Share, Global, "assumption: a quarter cross between ports; the rest settle in Mexico";
    MppOrderedLeaveDaily = "mpp.ordered_leave_daily", 0.002, Share, Global, "assumption: no published rate; the default of `mpp.give_up_daily` (a separate parameter), split the same way (home, cross, settle in Mexico)";
    // Immigration courts.
    CourtBacklog = "courts.backlog", 800000, Count, Global, "seeds/001: a backlog of more than 800,000 cases";
    CourtCapacity = "courts.capacity_per_day", 1096, Amount, Global, "seeds/001: 800,000 cases in 'nearly two years' = 800,000 / 730 days";
    CourtBackground = "courts.background_cases_per_day", 0, Count, Global, "assumption: no other new cases compete for slots unless set (~1,150/day new cases in FY2019 [118])";
    CourtMppDays = "courts.mpp_hearing_days", 90, Days, Global, "[105][146]: people returned under MPP got hearings 2-4 months ahead (Eagle Pass, Oct 2019), roughly two months out (Nuevo Laredo, Jul 2019); 90 days";
    CourtMppCapacity = "courts.mpp_capacity_per_day", 1000000, Amount, Global, "assumption: MPP's own dockets (video and tent courts, Laredo and Brownsville from Sept 2019) kept up with the returns; no daily figure found";
    CourtDetainedDays = "courts.detained_hearing_days", 60, Days, Global, "assumption: detained cases have their own docket, heard first; ICE's average stay in detention was 40.5 days in 2018 [147] (all detainees, most removed without a hearing), and asylum seekers' cases take months [148]";
    CourtDetainedCapacity = "courts.detained_capacity_per_day", 1000000, Amount, Global, "assumption: the detained docket keeps up with detention (it is heard first); no daily figure found";
    NoShowReleased = "courts.no_show_released", 0.25, Share, Global, "assumption: seeds/000 says some never appear; in-absentia rates not found (caravan-2018.md gaps)";
    NoShowMpp = "courts.no_show_mpp", 0.3, Share, Global, "assumption: harder to reach the port from a Mexican border city";
    GrantProtected = "courts.grant_protected", 0.6, Share, Global, "assumption: most with a protected ground win; the overall FY2018 grant rate was 35% [120]";
    GrantUnprotected = "courts.grant_unprotected", 0.0, Share, Global, "seeds/000: generalised violence and poverty are not grounds";
    GrantMppFactor = "courts.grant_mpp_factor", 1.0, Share, Global, "assumption: MPP cases are decided as others unless a scenario lowers their chances (7.5% of MPP returnees ever had a lawyer; ~1.5% of completed MPP cases won relief [108])";
    // Mexican enforcement.
    EnforcementActive = "enforcement.active", 1, Switch, Global, "seeds/003: Southern Border Program (2014)";
    ApprehensionScale = "enforcement.apprehension_scale", 1, Amount, Global, "assumption: 1; the Jun 7 2019 surge tripled INM returns [73]";
    CaravanFactor = "enforcement.caravan_factor", 0.1, Share, Global, "assumption: 'safety in numbers' (seeds/000, seeds/003) cuts a caravan member's risk tenfold";
    RaidDaily = "enforcement.raid_daily", 0.0002, Share, Global, "assumption: >150 raids a year on the freight train (seeds/003) spread over people at places in Mexico; the daily chance before `enforcement.apprehension_scale` multiplies it";
    DetentionDays = "enforcement.processing_days", 10, Days, Global, "assumption: INM's legal limit is 15 working days; most are deported sooner";
    ClashChance = "enforcement.clash_chance", 0.64, Share, Global, "seeds/000: three of the four autumn 2018 caravans clashed with police; one draw a caravan and day at the first checkpoint met, and the autumn caravans meet 4.0, 1.0, 1.0 and 1.3 such days on caravan-2018's network (each run alone with the chance at 1, apprehensions and raids off): 0.64 gives three of four on average, 1 − 0.36^k averaged";
    ClashDeath = "enforcement.clash_death", 0.000066, Share, Global, "seeds/002: one migrant died in the 2018 caravans' clashes with police (at the Guatemala border), the one death the sources report; calibrated: one over caravan-2018's 15,240 people in clashes (mean of seeds 1–20, `institutions.totals.enforcement.clash_exposures` in summary.json), so one death a run on average (0.0005, one in the ~2,000 at that clash, gave 7.5 a run over all the clashes). With 10 people to an agent a run has 0 or 10 (an agent), seldom more";
    ClashInjury = "enforcement.clash_injury", 0.01, Share, Global, "assumption: one in a hundred injured in a clash";
    // Asylum in Mexico (COMAR) and the autumn-2018 programme.
    ComarApplyDaily = "comar.apply_daily", 0.02, Share, Global, "[8]: ~2,000 of the original caravan applied for refuge in Mexico within about two weeks";
    ComarCapacity = "comar.capacity_per_day", 12, Amount, Global, "[79][81]: 2,868 recognitions in 2018 at a 64% rate = ~4,500 decisions a year";
    ComarBacklog = "comar.backlog", 0, Count, Global, "assumption: no applications ahead of the scenario's people unless set (29,647 requests in 2018 [79])";
    ComarRecognition = "comar.recognition", 0.64, Share, Global, "[81]: 64% recognition rate (2017)";
    ComarAbandonDaily = "comar.abandon_daily", 0.005, Share, Global, "assumption: many applicants leave before a decision to go north";
    ProgrammeActive = "programme.active", 0, Switch, Global, "seeds/000, [66]: 'Estas en tu casa' from Oct 26 2018";
    ProgrammeCaravanDaily = "programme.caravan_accept_daily", 0.1, Share, Global, "assumption: with ~3 days in Chiapas/Oaxaca, about one caravan in four accepts (seeds/000)";
    ProgrammePersonDaily = "programme.person_accept_daily", 0.005, Share, Global, "[67]: ~500 of ~7,000 joined in about two weeks";
    // Humanitarian visas.
    VisaActive = "humanitarian_visa.active", 0, Switch, Global, "seeds/001, [72]: cards at Ciudad Hidalgo from Jan 17 2019, registration closed Jan 28 [68]";
    VisaPetitionDaily = "humanitarian_visa.petition_daily", 0.5, Share, Global, "assumption: most caravan members at the bridge registered [70]";
    VisaCapacity = "humanitarian_visa.capacity_per_day", 510, Amount, Global, "[69]: 13,270 cards issued Jan 18-Feb 11 2019 (~26 days)";
    VisaValidity = "humanitarian_visa.validity_days", 365, Days, Global, "seeds/001: a one-year stay";
    // IOM assisted voluntary return.
    IomActive = "iom.active", 0, Switch, Global, "seeds/004, [127]: programme for caravan members from Nov 4 2018";
    IomCaravanOnly = "iom.caravan_members_only", 0, Switch, Global, "assumption: anyone at a booth may register unless a scenario limits the programme to caravan members ([127]: a programme for the caravans)";
    IomBudget = "iom.budget_usd", 1200000, Amount, Global, "seeds/004: US$1.2 million grant";
    IomCost = "iom.cost_per_return_usd", 850, Amount, Global, "[129]: derived ceiling, US$1.2 M / 1,406 returns";
    IomCapacity = "iom.capacity_per_day", 1000000, Amount, Global, "assumption: bound by the budget, not by daily capacity";
    IomBaseDaily = "iom.base_daily", 0.0005, Share, Global, "assumption: calibrate to >450 returns in Nov 2018 (seeds/004)";
    IomGrowth = "iom.growth_per_30_days", 0.003, Amount, Global, "assumption: propensity grows with time waiting (issue 3, point 9)";
    IomHardship = "iom.hardship_weight", 1.0, Amount, Global, "assumption: propensity doubles where a place holds twice its shelter capacity";
    // Hazards on routes.
    HazardScale = "hazards.scale", 1, Amount, Global, "assumption: route rates as given";
    // Shelters.
    ShelterCapacity = "shelter.capacity", 0, People, Place, "the place's `shelter_capacity` in locations.csv (0 when blank: none known), with its source there; a [[policy]] at the place dates a change";
}

impl Param {
    pub fn parse(name: &str) -> Option<Param> {
        Param::ALL.iter().copied().find(|p| p.name() == name)
    }

    /// A value of this parameter as the scenario file (and `--set`) writes it: `true`/`false` for a
    /// switch, the number otherwise.
    pub fn value_text(self, v: f64) -> String {
        match self.kind() {
            Kind::Switch => (v >= 0.5).to_string(),
            _ => v.to_string(),
        }
    }

    /// The switch this parameter acts under: while it is off everywhere, the parameter's value changes
    /// nothing (`overrides::inactive` says so of a `--set`). Every parameter is listed, so a new one
    /// needs a decision here.
    pub fn gate(self) -> Option<Param> {
        use Param::*;
        match self {
            // Only those on a port's list are called, turned back or leave it (to cross among them).
            MeteringCapacity
            | MeteringTurnBack
            | LeaveHomeDaily
            | LeaveHomeGrowth
            | LeaveOtherPortDaily
            | OtherPortOnArrivalPerMonth
            | CrossDaily
            | CrossGrowth
            | CrossMaxDaily => Some(MeteringActive),
            TroopsBoost => Some(TroopsActive),
            // MPP's returnees, their dockets and their hearings' outcomes.
            MppExemptVulnerable | MppExemptFear | MppCapacity | MppFearShare | MppGiveUpDaily | MppGiveUpHome
            | MppGiveUpCross | MppOrderedLeaveDaily | CourtMppDays | CourtMppCapacity | NoShowMpp | GrantMppFactor => {
                Some(MppActive)
            }
            // Checkpoints, raids and clashes stop no one, so no one is detained in Mexico either.
            ApprehensionScale | CaravanFactor | RaidDaily | DetentionDays | ClashChance | ClashDeath | ClashInjury => {
                Some(EnforcementActive)
            }
            ProgrammeCaravanDaily | ProgrammePersonDaily => Some(ProgrammeActive),
            VisaPetitionDaily | VisaCapacity | VisaValidity => Some(VisaActive),
            IomCaravanOnly | IomBudget | IomCost | IomCapacity | IomBaseDaily | IomGrowth | IomHardship => {
                Some(IomActive)
            }
            MeteringActive
            | TroopsActive
            | Proclamation
            | MppActive
            | EnforcementActive
            | ProgrammeActive
            | VisaActive
            | IomActive
            | CrossOnArrival
            | CrossOnArrivalCaravan
            | CrossOnArrivalPerMonth
            | CrossApprehension
            | ScreeningDays
            | PassProtected
            | PassUnprotected
            | DetainShare
            | NeverFile
            | UsDetentionCapacity
            | UsParoleDaily
            | CourtBacklog
            | CourtCapacity
            | CourtBackground
            | CourtDetainedDays
            | CourtDetainedCapacity
            | NoShowReleased
            | GrantProtected
            | GrantUnprotected
            | ComarApplyDaily
            | ComarCapacity
            | ComarBacklog
            | ComarRecognition
            | ComarAbandonDaily
            | HazardScale
            | ShelterCapacity => None,
        }
    }

    /// Whether this parameter is a count on the first day, read once when the run starts (cases ahead
    /// of the scenario's people, which the run then works through), so that no [[policy]] can date it.
    pub fn first_day_only(self) -> bool {
        matches!(self, Param::CourtBacklog | Param::ComarBacklog)
    }

    /// Checks a value for this parameter; returns a message when it does not fit.
    pub fn check(self, v: f64) -> Result<(), String> {
        let ok = match self.kind() {
            Kind::Switch => v == 0.0 || v == 1.0,
            Kind::Share => (0.0..=1.0).contains(&v),
            Kind::Amount => v >= 0.0 && v.is_finite(),
            Kind::Days => (0.0..=MAX_PARAM_DAYS).contains(&v),
            Kind::People => (0.0..=MAX_PEOPLE).contains(&v) && v.fract() == 0.0,
            Kind::Count => (0.0..=MAX_PEOPLE).contains(&v),
        };
        if ok {
            Ok(())
        } else {
            // In exponent form where digits would run long (robustness review of session 34: 1e-300
            // was written with 300 zeros).
            let v = crate::scenario::checks::shown(v);
            Err(match self.kind() {
                Kind::Switch => format!("`{}` is a switch: expected true or false (or 1 or 0)", self.name()),
                Kind::Share => format!("`{}` = {v} is not in [0, 1]", self.name()),
                Kind::Amount => format!("`{}` = {v} must be a finite number >= 0", self.name()),
                Kind::Days => {
                    format!("`{}` = {v} must be a number of days from 0 to {MAX_PARAM_DAYS} (100 years)", self.name())
                }
                Kind::People => {
                    format!("`{}` = {v} must be a whole number of people, from 0 to {MAX_PEOPLE_TEXT}", self.name())
                }
                Kind::Count => {
                    format!("`{}` = {v} must be a number (of people or cases) from 0 to {MAX_PEOPLE_TEXT}", self.name())
                }
            })
        }
    }
}

/// One `[[policy]]` entry: `param` takes `value` from `from_day` until (not including) `to_day`,
/// everywhere or only at one port or place (`at`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Policy {
    pub name: String,
    pub param: Param,
    /// The port (for a port-scoped parameter) or place (place-scoped) it applies at; None = everywhere.
    pub at: Option<u32>,
    pub from_day: u32,
    /// First day it no longer applies (None = to the end).
    pub to_day: Option<u32>,
    pub value: f64,
    pub source: String,
}

impl Policy {
    /// Whether it applies on `day`: from `from_day` up to, not including, `to_day`.
    pub fn in_force(&self, day: u32) -> bool {
        day >= self.from_day && self.to_day.is_none_or(|t| day < t)
    }
}

/// Base values (scenario settings over the defaults, per port where scoped) and dated policies.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Params {
    base: Vec<f64>,
    /// Per-port base values: `(port, param, value)`. (A place's parameter has its base in the places
    /// table: see `Scenario::shelter_capacity_on`.)
    port_base: Vec<(u32, Param, f64)>,
    pub policies: Vec<Policy>,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            base: Param::ALL.iter().map(|p| p.default_value()).collect(),
            port_base: Vec::new(),
            policies: Vec::new(),
        }
    }
}

impl Params {
    /// Sets a parameter's base value (everywhere).
    pub fn set(&mut self, p: Param, v: f64) {
        self.base[p as usize] = v;
    }

    /// A parameter's base value (everywhere): the scenario's setting or the default, which applies on
    /// the days no policy sets it.
    pub fn base(&self, p: Param) -> f64 {
        self.base[p as usize]
    }

    /// Sets several parameters' base values.
    pub fn set_all(&mut self, values: impl IntoIterator<Item = (Param, f64)>) {
        for (p, v) in values {
            self.set(p, v);
        }
    }

    /// Sets a port-scoped parameter's base value at one port.
    pub fn set_at_port(&mut self, port: u32, p: Param, v: f64) {
        debug_assert_eq!(p.scope(), Scope::Port, "{} has no per-port value", p.name());
        self.port_base.retain(|(q, r, _)| !(*q == port && *r == p));
        self.port_base.push((port, p, v));
    }

    /// The ports with a base value of their own for `p` (`[[port]]` fields), which wins there over the
    /// general one.
    pub fn ports_with_own(&self, p: Param) -> impl Iterator<Item = (u32, f64)> + '_ {
        self.port_base.iter().filter(move |(_, r, _)| *r == p).map(|(port, _, v)| (*port, *v))
    }

    /// The value of `p` on `day` (at `port` for port-scoped parameters). Later policies win over
    /// earlier ones, a port's or a general one alike; any policy in force wins over the base values, of
    /// which a port's wins over the general one. Not for a place's
    /// parameter, whose base is in the places table (`Scenario::shelter_capacity_on`; the engine's
    /// `Layout::shelter` with `dated_value`).
    pub fn value(&self, p: Param, port: Option<u32>, day: u32) -> f64 {
        debug_assert_ne!(
            p.scope(),
            Scope::Place,
            "{}: a place's value is its table's but on a policy's dates",
            p.name()
        );
        if let Some(v) = self.dated_value(p, port, day) {
            return v;
        }
        if let Some(port) = port {
            if let Some((_, _, v)) = self.port_base.iter().find(|(q, r, _)| *q == port && *r == p) {
                return *v;
            }
        }
        self.base[p as usize]
    }

    /// Whether switch `p` is on (at `port`, for a port's) on some day of `days`.
    pub fn on_some_day(&self, p: Param, port: Option<u32>, days: u32) -> bool {
        self.first_day_on(p, port, days).is_some()
    }

    /// The first of days `0..days` on which switch `p` is on (at `port`, for a port's), if any.
    pub fn first_day_on(&self, p: Param, port: Option<u32>, days: u32) -> Option<u32> {
        self.change_days(&[p], days).into_iter().find(|&d| self.on(p, port, d))
    }

    /// The first of days `0..days` on which switch `p` is on at one of ports `0..ports`, if any (a
    /// port's switch is on somewhere only at a port: its general value may be overridden at each).
    pub fn first_day_on_at_a_port(&self, p: Param, ports: usize, days: u32) -> Option<u32> {
        (0..ports as u32).filter_map(|k| self.first_day_on(p, Some(k), days)).min()
    }

    /// The first day after `from`, of days `0..days`, on which switch `p` is off again at every one of
    /// `at` (`[None]` for a general switch; ports for a port's: policy researcher's review of session
    /// 34, the report gave no end to a port's switch), if any.
    pub fn first_day_off_after(&self, p: Param, at: &[Option<u32>], from: u32, days: u32) -> Option<u32> {
        let off = |d: u32| at.iter().all(|&k| !self.on(p, k, d));
        self.change_days(&[p], days).into_iter().find(|&d| d > from && off(d))
    }

    /// The day from which port switch `p`, on at some port on some day, is off at every one of the
    /// `ports` to the period's end, if that day is within the period.
    pub fn last_day_off_at_every_port(&self, p: Param, ports: usize, days: u32) -> Option<u32> {
        let on_somewhere = |d: u32| (0..ports as u32).any(|k| self.on(p, Some(k), d));
        let changes = self.change_days(&[p], days);
        let last_on = changes.iter().rposition(|&d| on_somewhere(d))?;
        changes.get(last_on + 1).copied()
    }

    /// Day 0 and the days of `0..days` on which a policy of one of `params` starts or ends, in order:
    /// the only days their values can change, so that what holds on some day holds on one of these.
    pub fn change_days(&self, params: &[Param], days: u32) -> Vec<u32> {
        let ours = self.policies.iter().filter(|q| params.contains(&q.param));
        let mut changes: Vec<u32> = ours.flat_map(|q| [Some(q.from_day), q.to_day]).flatten().collect();
        changes.push(0);
        changes.retain(|&d| d < days);
        changes.sort_unstable();
        changes.dedup();
        changes
    }

    /// The value a policy in force on `day` gives `p` (at port or place `at`: the last in the file of its
    /// own and the general ones), if one does.
    pub fn dated_value(&self, p: Param, at: Option<u32>, day: u32) -> Option<f64> {
        self.policy_in_force(p, at, day).map(|k| self.policies[k].value)
    }

    /// The policy (its index, `policy.N` as `--set` numbers it) whose value `dated_value` reads for `p`
    /// on `day` at `at`, if one is in force.
    pub fn policy_in_force(&self, p: Param, at: Option<u32>, day: u32) -> Option<usize> {
        let active = |(_, q): &(usize, &Policy)| q.param == p && q.in_force(day);
        // Policy researcher's review of session 34: a port's own policy won over a later general one, so
        // `mpp.active = false` appended with no `at` changed nothing at the ports with MPP policies.
        let mut latest = self.policies.iter().enumerate().rev().filter(active);
        latest.find(|(_, q)| q.at.is_none() || q.at == at).map(|(k, _)| k)
    }

    /// A switch's state on `day`.
    pub fn on(&self, p: Param, port: Option<u32>, day: u32) -> bool {
        self.value(p, port, day) >= 0.5
    }
}

#[cfg(test)]
mod tests;
