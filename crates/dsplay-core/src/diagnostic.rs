use serde::Serialize;

/// How bad a diagnostic is. Errors stop an object from being used; warnings and
/// notes never do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One message about the input, pointing at where it comes from.
/// `line` and `column` are 1-based; 0 means "not known".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl Diagnostic {
    /// `FILE:LINE:COLUMN: message`, the form compilers and editors understand.
    pub fn located(&self) -> String {
        match (self.line, self.column) {
            (0, _) => format!("{}: {}", self.file, self.message),
            (line, 0) => format!("{}:{}: {}", self.file, line, self.message),
            (line, column) => format!("{}:{}:{}: {}", self.file, line, column, self.message),
        }
    }
}
