//! The agent pass's fixed chunks: each chunk's slices of every per-agent field (and of the
//! institutions' fields), so that a chunk writes only its own agents.

use super::CHUNK;
use crate::institutions::InstAgents;
use crate::population::{Agents, Attributes, Status};

/// One chunk's slices of the institutions' per-agent fields.
pub(super) struct InstChunk<'a> {
    pub(super) flags: &'a mut [u16],
    pub(super) mark: &'a mut [u32],
    pub(super) due: &'a mut [u32],
    pub(super) waited: &'a mut [u16],
    pub(super) to_hearing: &'a mut [u16],
    pub(super) port: &'a mut [u8],
    pub(super) next: &'a mut [u32],
}

fn inst_chunks(ia: &mut InstAgents) -> Vec<InstChunk<'_>> {
    ia.flags
        .chunks_mut(CHUNK)
        .zip(ia.mark.chunks_mut(CHUNK))
        .zip(ia.due.chunks_mut(CHUNK))
        .zip(ia.waited.chunks_mut(CHUNK))
        .zip(ia.to_hearing.chunks_mut(CHUNK))
        .zip(ia.port.chunks_mut(CHUNK))
        .zip(ia.next.chunks_mut(CHUNK))
        .map(|((((((flags, mark), due), waited), to_hearing), port), next)| InstChunk {
            flags,
            mark,
            due,
            waited,
            to_hearing,
            port,
            next,
        })
        .collect()
}

/// One chunk's slices of the agents' fields; `start` is the id of its first agent.
pub(super) struct Chunk<'a> {
    pub(super) start: usize,
    pub(super) place: &'a mut [u32],
    pub(super) link: &'a mut [u32],
    pub(super) progress: &'a mut [f32],
    pub(super) route: &'a mut [u32],
    pub(super) hop: &'a mut [u16],
    pub(super) status: &'a mut [Status],
    pub(super) since: &'a mut [u32],
    pub(super) flags: &'a mut [u8],
    pub(super) wake: &'a mut [u32],
    pub(super) group: &'a [u32],
    pub(super) goal: &'a mut [u32],
    pub(super) attrs: &'a [Attributes],
    pub(super) origin: &'a [u32],
    pub(super) inst: Option<InstChunk<'a>>,
}

/// `agents` (and the institutions' fields, if any) cut into chunks of `CHUNK` agents, in agent order.
pub(super) fn chunks<'a>(agents: &'a mut Agents, inst_agents: Option<&'a mut InstAgents>) -> Vec<Chunk<'a>> {
    let mut inst_slices = inst_agents.map(inst_chunks).unwrap_or_default();
    let mut chunks: Vec<Chunk<'_>> = agents
        .place
        .chunks_mut(CHUNK)
        .zip(agents.link.chunks_mut(CHUNK))
        .zip(agents.progress.chunks_mut(CHUNK))
        .zip(agents.route.chunks_mut(CHUNK))
        .zip(agents.hop.chunks_mut(CHUNK))
        .zip(agents.status.chunks_mut(CHUNK))
        .zip(agents.since.chunks_mut(CHUNK))
        .zip(agents.flags.chunks_mut(CHUNK))
        .zip(agents.wake.chunks_mut(CHUNK))
        .zip(agents.group.chunks(CHUNK))
        .zip(agents.goal.chunks_mut(CHUNK))
        .zip(agents.attrs.chunks(CHUNK))
        .zip(agents.origin.chunks(CHUNK))
        .enumerate()
        .map(
            |(
                k,
                (
                    (
                        ((((((((((place, link), progress), route), hop), status), since), flags), wake), group), goal),
                        attrs,
                    ),
                    origin,
                ),
            )| Chunk {
                start: k * CHUNK,
                place,
                link,
                progress,
                route,
                hop,
                status,
                since,
                flags,
                wake,
                group,
                goal,
                attrs,
                origin,
                inst: None,
            },
        )
        .collect();
    for (c, ic) in chunks.iter_mut().zip(inst_slices.drain(..)) {
        c.inst = Some(ic);
    }
    chunks
}
