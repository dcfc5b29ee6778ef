//! Emails about a certificate of completion (issue 16): one template with a headline and lines,
//! the headline as the subject.

use revans_app::mail::CertificateEmail;

super::headline_email!(
    CertificateEmail,
    "email/certificate.txt",
    "email/certificate.html"
);
