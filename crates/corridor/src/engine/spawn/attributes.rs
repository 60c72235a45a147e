//! Agents' attributes (sex, age, travelling alone, vulnerability, family, ground) drawn from a flow's
//! make-up, each agent from its own stream.

use crate::population::Attributes;
use crate::rng::Draw;
use crate::scenario::{Ground, Makeup};

/// Draws an agent's attributes from a make-up.
pub fn draw_attributes<D: Draw>(m: &Makeup, family: bool, rng: &mut D) -> Attributes {
    AttributeDraw::new(m).draw(family, rng)
}

/// A make-up's draw of attributes, with the chances that do not depend on the draw worked out once
/// (by the same expressions, so the same values) for a batch of agents.
#[derive(Clone, Copy, Debug)]
pub struct AttributeDraw<'a> {
    m: &'a Makeup,
    /// `men + women`: below `men` a man, below this a woman, else a child.
    adults: f64,
    /// Chance that a child outside a family travels alone, if there are children.
    unaccompanied: Option<f64>,
    /// Chance that an adult is vulnerable, if one can be and it is drawn.
    vulnerable: Option<f64>,
    certain_ground: Option<Ground>,
}

impl<'a> AttributeDraw<'a> {
    pub fn new(m: &'a Makeup) -> Self {
        let adults = m.men + m.women;
        // The ground is the stream's last draw; when the make-up leaves it no choice (one ground for
        // everyone, FLEE inputs), it is not drawn, nor is a vulnerability that cannot happen. Draws
        // that are made are the same words of the stream either way.
        let certain_ground = certain_ground(m);
        let vulnerable_drawn = adults > 0.0 && !(certain_ground.is_some() && m.vulnerable <= 0.0);
        AttributeDraw {
            m,
            adults,
            unaccompanied: (m.children > 0.0).then(|| m.unaccompanied_minors / m.children),
            vulnerable: vulnerable_drawn.then(|| (m.vulnerable / adults).min(1.0)),
            certain_ground,
        }
    }

    /// Draws one agent's attributes from its stream, first whether it travels in a family unless
    /// `family` says.
    #[inline(always)]
    pub fn draw_in<D: Draw>(&self, family: Option<bool>, rng: &mut D) -> Attributes {
        let in_family = family.unwrap_or_else(|| rng.uniform() < self.m.in_families);
        self.draw(in_family, rng)
    }

    /// Draws one agent's attributes from its stream (inlined: the stream's first words are then
    /// read in place).
    #[inline(always)]
    pub fn draw<D: Draw>(&self, family: bool, rng: &mut D) -> Attributes {
        let m = self.m;
        let u = rng.uniform();
        let (female, child) = if u < m.men {
            (false, false)
        } else if u < self.adults {
            (true, false)
        } else {
            (rng.uniform() < 0.5, true)
        };
        let unaccompanied = child && !family && self.unaccompanied.is_some_and(|p| rng.uniform() < p);
        let vulnerable = !child && self.vulnerable.is_some_and(|p| rng.uniform() < p);
        let ground = match self.certain_ground {
            Some(g) => g,
            None => {
                let g = rng.uniform();
                let mut acc = 0.0;
                let mut ground = Ground::Poverty;
                for (i, share) in m.grounds.iter().enumerate() {
                    acc += share;
                    if g < acc {
                        ground = Ground::ALL[i];
                        break;
                    }
                }
                ground
            }
        };
        Attributes::new(female, child, unaccompanied, vulnerable, family, ground)
    }
}

/// The ground every draw gives when the first ground with a share has a share of 1 or more.
fn certain_ground(m: &Makeup) -> Option<Ground> {
    let first = m.grounds.iter().position(|&s| s > 0.0)?;
    (m.grounds[first] >= 1.0).then(|| Ground::ALL[first])
}
