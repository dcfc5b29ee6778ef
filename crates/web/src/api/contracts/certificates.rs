//! Certificates of completion (issue 16) bodies.

/// Why a certificate is being revoked.
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CertificateRevokeIn {
    /// Why it is revoked (up to 500 characters); sent to the holder and kept in the audit
    /// log, never shown by verification.
    #[serde(default)]
    #[schema(required = true)]
    pub reason: String,
}
