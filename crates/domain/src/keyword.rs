//! Small closed vocabularies stored as lower-case words ("present", "private", "monthly").
//! One macro so every such enum parses, prints and refuses unknown words the same way, naming
//! the field and listing the choices.

/// `keyword_enum!(Doc, Name, "field", "a thing", { Variant => "word", ... })` gives `ALL`,
/// `as_str`, `parse`, `FromStr`, `Display` and serde as the stored word.
macro_rules! keyword_enum {
    ($(#[$doc:meta])* $name:ident, $field:literal, $what:literal, { $($(#[$vdoc:meta])* $variant:ident => $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable word stored and sent in the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            /// Reads the stored word back (surrounding space ignored).
            pub fn parse(raw: &str) -> Result<Self, $crate::ValidationError> {
                let s = raw.trim();
                $name::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| {
                    let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    $crate::ValidationError::new(
                        $field,
                        if s.is_empty() {
                            format!("Select {}", $what)
                        } else {
                            format!("\"{s}\" is not {}; choose from {}", $what, names.join(", "))
                        },
                    )
                })
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::ValidationError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use keyword_enum;
