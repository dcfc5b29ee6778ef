//! Support circles (C7, issue 15): the public calendar and its feeds, booking with a waiting
//! list, reminders before each session and attendance; leads create and run circles, the
//! minimum-size sweep, and the aggregates.

pub mod aggregates;
pub mod attendance;
pub mod booking;
pub mod calendar;
pub mod feeds;
pub mod manage;
pub mod reminders;
pub mod sweep;
