//! The allowed values of request fields that stay plain strings in Rust (so a wrong value gets
//! the domain's own message naming the choices), stated in the OpenAPI document. Built from the
//! domain's own lists where it has one, so the document cannot drift from what is accepted.

use revans_domain::{AllocationRule, DeliveryMode, ProgrammeKind, ProgrammeStatus, Role};
use utoipa::openapi::schema::{Array, ArrayBuilder, Object, ObjectBuilder, Type};

fn one_of(values: impl IntoIterator<Item = &'static str>) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
        .build()
}

pub fn roles() -> Array {
    ArrayBuilder::new()
        .items(one_of(Role::ALL.iter().map(|r| r.as_str())))
        .build()
}

pub fn programme_status() -> Object {
    one_of(ProgrammeStatus::ALL.iter().map(|s| s.as_str()))
}

pub fn programme_kind() -> Object {
    one_of(ProgrammeKind::ALL.iter().map(|s| s.as_str()))
}

pub fn delivery_mode() -> Object {
    one_of(DeliveryMode::ALL.iter().map(|s| s.as_str()))
}

pub fn allocation_rule() -> Object {
    one_of(AllocationRule::ALL.iter().map(|s| s.as_str()))
}

/// What `actions::programmes::parse_cohort` reads; anything but recurrence is explicit.
pub fn schedule_kind() -> Object {
    one_of(["explicit", "recurrence"])
}

/// What `CompletionRule::parse` accepts.
pub fn completion_rule() -> Object {
    one_of(["all", "at_least"])
}
