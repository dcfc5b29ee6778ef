//! Emails about a support circle (issue 15): one template with a headline and lines, the
//! headline as the subject.

use revans_app::mail::CircleEmail;

super::headline_email!(CircleEmail, "email/circle.txt", "email/circle.html");
