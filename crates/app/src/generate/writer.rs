//! Buffers generated rows and writes them through `bulk::insert`: when enough rows wait, every
//! table's buffer is written in dependency order (parents first) in one transaction, which is
//! then committed. Memory stays bounded however large the nation.

use revans_storage::bulk::{self, Table, Value};
use revans_storage::{Store, Tx};

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

pub struct Writer<'a> {
    store: &'a Store,
    pending: Vec<Vec<Vec<Value>>>,
    held: usize,
    audited: usize,
    written: Vec<u64>,
    pub ids: Ids,
}

fn slot(table: Table) -> usize {
    ORDER.iter().position(|t| *t == table).unwrap_or(0)
}

impl<'a> Writer<'a> {
    pub async fn start(store: &'a Store, seed: u64) -> Result<Writer<'a>, Error> {
        Ok(Writer {
            store,
            pending: vec![Vec::new(); ORDER.len()],
            held: 0,
            audited: 0,
            written: vec![0; ORDER.len()],
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
        let mut tx: Tx = self.store.begin().await?;
        for (i, table) in ORDER.iter().enumerate() {
            let rows = std::mem::take(&mut self.pending[i]);
            if !rows.is_empty() {
                self.written[i] += bulk::insert(&mut tx, *table, &rows).await?;
            }
        }
        revans_storage::commit(tx).await?;
        self.held = 0;
        Ok(())
    }

    /// Writes what is left; returns rows written per table.
    pub async fn finish(mut self) -> Result<Vec<(&'static str, u64)>, Error> {
        self.flush().await?;
        Ok(ORDER
            .iter()
            .zip(&self.written)
            .map(|(t, n)| (t.name(), *n))
            .collect())
    }
}
