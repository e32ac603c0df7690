//! A size profile of a wasm module for `cargo xtask bench`: bytes per section, and code bytes
//! per crate as the module's name section names its functions; and the module without its
//! custom sections, as the build ships the worker.
//!
//! A reader of the few sections it needs rather than a wasm parsing crate: the format's
//! framing (a section id, a LEB128 size) is all it takes, and xtask stays light.

use std::collections::BTreeMap;

/// Where a module's bytes go.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Profile {
    /// Every section in order: its name (`custom:<name>` for custom sections) and size.
    pub sections: Vec<(String, usize)>,
    /// Code bytes per crate, largest first; functions without a name go under `(unnamed)`.
    pub crates: Vec<(String, usize)>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.bytes.get(self.at).ok_or("unexpected end of module")?;
        self.at += 1;
        Ok(b)
    }

    fn leb(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("LEB128 number too long".into())
    }

    fn size(&mut self) -> Result<usize, String> {
        usize::try_from(self.leb()?).map_err(|e| e.to_string())
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).ok_or("size overflows")?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or("section runs past the module")?;
        self.at = end;
        Ok(slice)
    }

    fn name(&mut self) -> Result<String, String> {
        let n = self.size()?;
        Ok(String::from_utf8_lossy(self.take(n)?).into_owned())
    }

    fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

const SECTIONS: [&str; 14] = [
    "custom",
    "type",
    "import",
    "function",
    "table",
    "memory",
    "global",
    "export",
    "start",
    "element",
    "code",
    "data",
    "datacount",
    "tag",
];

/// The profile of `module`, or why it could not be read.
pub fn profile(module: &[u8]) -> Result<Profile, String> {
    if module.get(..4) != Some(b"\0asm") {
        return Err("not a wasm module".into());
    }
    let mut r = Reader {
        bytes: module,
        at: 8,
    };
    let mut sections = Vec::new();
    let mut imported_functions = 0usize;
    let mut bodies: Vec<usize> = Vec::new();
    let mut names: BTreeMap<usize, String> = BTreeMap::new();
    while !r.done() {
        let id = r.byte()?;
        let size = r.size()?;
        let content = r.take(size)?;
        let mut s = Reader {
            bytes: content,
            at: 0,
        };
        let name = match id {
            0 => {
                let custom = s.name()?;
                if custom == "name" {
                    read_function_names(&mut s, &mut names)?;
                }
                format!("custom:{custom}")
            }
            2 => {
                imported_functions = count_imported_functions(&mut s)?;
                "import".to_owned()
            }
            10 => {
                for _ in 0..s.size()? {
                    let body = s.size()?;
                    s.take(body)?;
                    bodies.push(body);
                }
                "code".to_owned()
            }
            _ => SECTIONS
                .get(usize::from(id))
                .map_or_else(|| format!("unknown {id}"), |n| (*n).to_owned()),
        };
        sections.push((name, size));
    }
    let mut crates: BTreeMap<String, usize> = BTreeMap::new();
    for (i, body) in bodies.iter().enumerate() {
        let krate = names
            .get(&(imported_functions + i))
            .map_or("(unnamed)", |n| crate_of(n));
        *crates.entry(krate.to_owned()).or_default() += body;
    }
    let mut crates: Vec<(String, usize)> = crates.into_iter().collect();
    crates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(Profile { sections, crates })
}

/// `module` without its custom sections (function names, producers): nothing the runtime reads.
/// The build ships this and keeps the named original for `profile`.
pub fn without_custom(module: &[u8]) -> Result<Vec<u8>, String> {
    if module.get(..4) != Some(b"\0asm") || module.len() < 8 {
        return Err("not a wasm module".into());
    }
    let mut out = module[..8].to_vec();
    let mut r = Reader {
        bytes: module,
        at: 8,
    };
    while !r.done() {
        let start = r.at;
        let id = r.byte()?;
        let size = r.size()?;
        r.take(size)?;
        if id != 0 {
            out.extend_from_slice(&module[start..r.at]);
        }
    }
    Ok(out)
}

/// The name section's function names (subsection 1); other subsections are skipped.
fn read_function_names(s: &mut Reader, names: &mut BTreeMap<usize, String>) -> Result<(), String> {
    while !s.done() {
        let sub = s.byte()?;
        let size = s.size()?;
        let content = s.take(size)?;
        if sub != 1 {
            continue;
        }
        let mut f = Reader {
            bytes: content,
            at: 0,
        };
        for _ in 0..f.size()? {
            let index = f.size()?;
            names.insert(index, f.name()?);
        }
    }
    Ok(())
}

/// How many of the imports are functions: they come first in the function index space.
fn count_imported_functions(s: &mut Reader) -> Result<usize, String> {
    let mut functions = 0;
    for _ in 0..s.size()? {
        s.name()?;
        s.name()?;
        match s.byte()? {
            0 => {
                s.leb()?;
                functions += 1;
            }
            1 => {
                s.byte()?;
                limits(s)?;
            }
            2 => limits(s)?,
            3 => {
                s.byte()?;
                s.byte()?;
            }
            4 => {
                s.byte()?;
                s.leb()?;
            }
            kind => return Err(format!("import of unknown kind {kind}")),
        }
    }
    Ok(functions)
}

fn limits(s: &mut Reader) -> Result<(), String> {
    let flags = s.byte()?;
    s.leb()?;
    if flags & 1 == 1 {
        s.leb()?;
    }
    Ok(())
}

/// The crate a demangled function name belongs to: its path's first segment; drop glue goes
/// to the type it drops.
fn crate_of(name: &str) -> &str {
    let inner = name
        .strip_prefix("core::ptr::drop_in_place<")
        .unwrap_or(name);
    let inner = inner.trim_start_matches(['<', '&', '*', ' ']);
    let inner = inner.strip_prefix("mut ").unwrap_or(inner);
    match inner.find("::") {
        Some(end) if end > 0 => &inner[..end],
        _ => "(other)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![id, u8::try_from(content.len()).unwrap()];
        out.extend_from_slice(content);
        out
    }

    fn string(text: &str) -> Vec<u8> {
        let mut out = vec![u8::try_from(text.len()).unwrap()];
        out.extend_from_slice(text.as_bytes());
        out
    }

    /// One imported function, two bodies (3 and 5 bytes), and names for all three.
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        let mut import = vec![1];
        import.extend(string("env"));
        import.extend(string("log"));
        import.extend([0, 0]);
        m.extend(section(2, &import));
        m.extend(section(10, &[2, 2, 0, 0x0b, 4, 0, 0x01, 0x01, 0x0b]));
        let mut names = vec![3];
        for (i, n) in ["log", "serde_json::de::parse", "<edge::Foo as Debug>::fmt"]
            .iter()
            .enumerate()
        {
            names.push(u8::try_from(i).unwrap());
            names.extend(string(n));
        }
        let mut custom = string("name");
        custom.push(1);
        custom.push(u8::try_from(names.len()).unwrap());
        custom.extend(names);
        m.extend(section(0, &custom));
        m
    }

    #[test]
    fn sections_and_code_per_crate_skip_the_imported_functions() {
        let p = profile(&module()).unwrap();
        let names: Vec<&str> = p.sections.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["import", "code", "custom:name"]);
        assert_eq!(p.sections[1].1, 9);
        assert_eq!(
            p.crates,
            [("edge".to_owned(), 4), ("serde_json".to_owned(), 2)]
        );
    }

    #[test]
    fn drop_glue_goes_to_the_type_and_bare_names_to_other() {
        assert_eq!(crate_of("core::ptr::drop_in_place<leptos::View>"), "leptos");
        assert_eq!(crate_of("<&mut serde::de::X as Y>::z"), "serde");
        assert_eq!(crate_of("memcpy"), "(other)");
    }

    #[test]
    fn stripping_drops_only_custom_sections_and_keeps_the_rest_byte_for_byte() {
        let named = module();
        let stripped = without_custom(&named).unwrap();
        let p = profile(&stripped).unwrap();
        let names: Vec<&str> = p.sections.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["import", "code"]);
        assert_eq!(p.crates, [("(unnamed)".to_owned(), 6)]);
        // The name section comes last in `module()`: what is left is everything before it.
        assert!(stripped.len() < named.len() && named.starts_with(&stripped));
        assert!(without_custom(b"hello").is_err());
        let mut cut = named.clone();
        cut.truncate(20);
        assert!(without_custom(&cut).is_err());
    }

    #[test]
    fn what_is_not_a_module_is_refused() {
        assert!(profile(b"hello").is_err());
        let mut cut = module();
        cut.truncate(20);
        assert!(profile(&cut).is_err());
    }
}
