//! The allowed values of the domain's enums in request bodies, stated in the OpenAPI document
//! (the domain crate knows nothing of utoipa, so they do not derive `ToSchema`). Built from the
//! domain's own lists, so the document cannot drift from what is accepted.

use revans_domain::{
    ActionOutcome, AllocationRule, Attendance, Cadence, DeliveryMode, ProgrammeKind,
    ProgrammeStatus, Role,
};
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

pub fn cadence() -> Object {
    one_of(Cadence::ALL.iter().map(|s| s.as_str()))
}

pub fn action_outcome() -> Object {
    one_of(ActionOutcome::ALL.iter().map(|s| s.as_str()))
}

/// An object from person ids to an attendance word.
pub fn attendance_by_person() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .additional_properties(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(Attendance::ALL.iter().map(|s| s.as_str()))),
        ))
        .build()
}
