//! Set formation engine (DOMAIN.md C3). Pure: no I/O, no async, deterministic for a seed.
