//! Who may see and do what in a set (C5): content (problems, actions, meetings) only for the
//! set's current members and facilitators; everyone else is told the set does not exist, so
//! its existence is not confirmed either. Programme leads get status and counts elsewhere.

use revans_domain::Id;
use revans_storage::Conn;
use revans_storage::meetings::{self, Meeting};
use revans_storage::sets::{self, ActionSet, Standing};

use crate::Error;
use crate::Viewer;

/// A published set the viewer belongs to, with their standing in it.
pub struct InSet {
    pub set: ActionSet,
    pub standing: Standing,
}

impl InSet {
    pub fn is_facilitator(&self) -> bool {
        self.standing == Standing::Facilitator
    }

    /// Facilitating, or a member of a set that runs itself.
    pub fn can_run_meetings(&self) -> bool {
        self.is_facilitator() || (self.set.self_facilitated && self.standing == Standing::Member)
    }

    pub fn require_runner(&self) -> Result<(), Error> {
        if self.can_run_meetings() {
            Ok(())
        } else {
            Err(Error::Forbidden)
        }
    }
}

pub async fn load_set(conn: &mut Conn, viewer: &Viewer, set_id: &Id) -> Result<InSet, Error> {
    let set = sets::get(conn, set_id).await?.ok_or(Error::NotFound)?;
    if !set.is_published() {
        return Err(Error::NotFound);
    }
    match sets::standing(conn, set_id, &viewer.person.id).await? {
        Standing::None => Err(Error::NotFound),
        standing => Ok(InSet { set, standing }),
    }
}

/// A meeting of a set the viewer belongs to.
pub async fn load_meeting(
    conn: &mut Conn,
    viewer: &Viewer,
    meeting_id: &Id,
) -> Result<(InSet, Meeting), Error> {
    let meeting = meetings::get(conn, meeting_id)
        .await?
        .ok_or(Error::NotFound)?;
    let in_set = load_set(conn, viewer, &meeting.set_id).await?;
    Ok((in_set, meeting))
}
