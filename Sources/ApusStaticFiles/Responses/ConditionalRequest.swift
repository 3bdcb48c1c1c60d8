import ApusCore

/// Starlette's `StaticFiles.is_not_modified`: whether a request's validators let it be answered with 304.
///
/// `If-None-Match`, when present and not empty, decides alone: `*`, or any listed tag (a `W/` prefix ignored)
/// equal to the file's `etag`. Otherwise `If-Modified-Since` at or after `last-modified`, both read with Python's
/// `parsedate` (time zones ignored, as Starlette ignores them).
enum ConditionalRequest {
    static func isNotModified(_ headers: HTTPFields, validators: FileValidators) -> Bool {
        if let ifNoneMatch = headers.firstValue(.ifNoneMatch), !ifNoneMatch.isEmpty {
            let bytes = Array(ifNoneMatch.utf8)[...]
            if PythonHeaderText.strip(bytes).elementsEqual("*".utf8) { return true }
            let etag = Array(validators.etag.utf8)
            return PythonHeaderText.split(bytes, on: UInt8(ascii: ",")).contains { tag in
                var tag = PythonHeaderText.strip(tag)
                if tag.starts(with: "W/".utf8) { tag = tag.dropFirst(2) }
                return tag.elementsEqual(etag)
            }
        }
        guard let ifModifiedSince = headers.firstValue(.ifModifiedSince),
            let since = PythonDateParsing.parse(ifModifiedSince),
            let modified = PythonDateParsing.parse(validators.lastModified)
        else { return false }
        return since >= modified
    }

    /// Starlette's `FileResponse._should_use_range`: a range is honoured only when `If-Range` is exactly the
    /// file's `last-modified` or its (strong) `etag`.
    static func ifRangeAllowsRange(_ ifRange: String, validators: FileValidators) -> Bool {
        // Compared as code points, as Python compares strings (Swift's `==` would also equate canonical forms).
        !ifRange.utf8.starts(with: "W/".utf8)
            && (ifRange.utf8.elementsEqual(validators.lastModified.utf8) || ifRange.utf8.elementsEqual(validators.etag.utf8))
    }
}

extension HTTPFields {
    /// The first field named `name`, as Starlette's `Headers.get` reads one (a repeated field is not joined).
    func firstValue(_ name: HTTPField.Name) -> String? {
        self[fields: name].first?.value
    }
}
