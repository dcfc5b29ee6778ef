/// Now, in milliseconds since the Unix epoch: the one time format both backends store alike.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}
