//! Buffers generated rows and writes them through `bulk::insert`: when enough rows wait, every
//! table's buffer is written in dependency order (parents first) in one transaction, which is
//! then committed. Memory stays bounded however large the nation. One connection does all the
//! writing, with the storage layer's bulk-load settings for the length of the load.

use std::time::Instant;

use revans_storage::bulk::{self, Table, Value};
use revans_storage::{Backend, Store};

use super::ids::Ids;
use crate::Error;

/// Rows held before a flush (a flush is one transaction).
const FLUSH_ROWS: usize = 50_000;

/// Every table, parents before children: a flush writes them in this order.
const ORDER: [Table; 21] = [
    Table::Organisations,
    Table::People,
    Table::RoleGrants,
    Table::ReportingLines,
    Table::Supervisions,
    Table::AuditLog,
    Table::Programmes,
    Table::NominationCaps,
    Table::Cohorts,
    Table::CohortSessions,
    Table::Applications,
    Table::ApplicationPreferences,
    Table::ActionSets,
    Table::SetMembers,
    Table::SetFacilitators,
    Table::Meetings,
    Table::Attendance,
    Table::ThemeVocabularies,
    Table::Problems,
    Table::Actions,
    Table::DiaryEntries,
];

pub struct Writer {
    conn: bulk::LoadConn,
    backend: Backend,
    pending: Vec<Vec<Vec<Value>>>,
    held: usize,
    audited: usize,
    written: Vec<u64>,
    /// Seconds spent writing each table (the statements, not the generating).
    seconds: Vec<f64>,
    pub ids: Ids,
}

/// What a writer wrote: per table, rows and seconds spent writing them.
pub struct Written {
    pub counts: Vec<(&'static str, u64)>,
    pub seconds: Vec<(&'static str, f64)>,
}

fn slot(table: Table) -> usize {
    ORDER.iter().position(|t| *t == table).unwrap_or(0)
}

impl Writer {
    pub async fn start(store: &Store, seed: u64) -> Result<Writer, Error> {
        let mut conn = store.conn().await?;
        let backend = store.backend();
        bulk::begin_load(&mut conn, backend).await?;
        Ok(Writer {
            conn,
            backend,
            pending: vec![Vec::new(); ORDER.len()],
            held: 0,
            audited: 0,
            written: vec![0; ORDER.len()],
            seconds: vec![0.0; ORDER.len()],
            ids: Ids::new(seed),
        })
    }

    /// Queues one row (the table's columns in order), writing everything queued when the
    /// buffers are full.
    pub async fn row(&mut self, table: Table, row: Vec<Value>) -> Result<(), Error> {
        self.pending[slot(table)].push(row);
        self.held += 1;
        if self.held >= FLUSH_ROWS {
            self.flush().await?;
        }
        Ok(())
    }

    /// Counts an audit entry queued (the generator pads the log to its target).
    pub fn count_audit(&mut self) {
        self.audited += 1;
    }

    pub fn audited(&self) -> usize {
        self.audited
    }

    async fn flush(&mut self) -> Result<(), Error> {
        let mut tx = bulk::begin(&mut self.conn, self.backend).await?;
        for (i, table) in ORDER.iter().enumerate() {
            let rows = std::mem::take(&mut self.pending[i]);
            if !rows.is_empty() {
                let started = Instant::now();
                self.written[i] += bulk::insert_owned(&mut tx, *table, rows).await?;
                self.seconds[i] += started.elapsed().as_secs_f64();
            }
        }
        bulk::commit(tx).await?;
        self.held = 0;
        Ok(())
    }

    /// Writes what is left and puts the connection's settings back; returns rows written and
    /// seconds spent per table.
    pub async fn finish(mut self) -> Result<Written, Error> {
        self.flush().await?;
        bulk::end_load(&mut self.conn, self.backend).await?;
        Ok(Written {
            counts: ORDER
                .iter()
                .zip(&self.written)
                .map(|(t, n)| (t.name(), *n))
                .collect(),
            seconds: ORDER
                .iter()
                .zip(&self.seconds)
                .map(|(t, s)| (t.name(), *s))
                .collect(),
        })
    }
}
