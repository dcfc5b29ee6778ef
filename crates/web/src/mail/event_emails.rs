//! Emails about an immersion event's visits (issue 18): published to a participant and to a
//! host's contact; one template with a headline and lines, the headline as the subject.

use revans_app::mail::EventEmail;

super::headline_email!(EventEmail, "email/event.txt", "email/event.html");
