extension Bool: SchemaValue {
    /// Pydantic's lax `bool`: JSON booleans; the integers 0 and 1 (others are `bool_parsing`); the floats
    /// 0.0 and 1.0 (others are `bool_type`); strings `1/on/t/true/y/yes` and `0/off/f/false/n/no` in any case
    /// (others are `bool_parsing`); anything else is `bool_type`.
    public static func decode(from decoder: inout ValidatingDecoder) throws(JSONSyntaxError) -> Bool? {
        let start = decoder.reader.position
        switch decoder.reader.peek() {
        case .true:
            try decoder.reader.readLiteral("true")
            return true
        case .false:
            try decoder.reader.readLiteral("false")
            return false
        case .string:
            let text = try decoder.reader.readString()
            if let value = LaxNumberParsing.bool(Substring(text)) { return value }
            decoder.record(.boolParsing, inputAt: start)
            return nil
        case .number:
            let token = try decoder.reader.readNumberToken()
            if token.isInteger {
                switch token.integerValue(in: decoder.reader.bytes) {
                case 0: return false
                case 1: return true
                default:
                    decoder.record(.boolParsing, inputAt: start)
                    return nil
                }
            }
            switch token.doubleValue(in: decoder.reader.bytes) {
            case 0: return false
            case 1: return true
            default:
                decoder.record(.boolType, inputAt: start)
                return nil
            }
        case .invalid: throw JSONSyntaxError()
        default:
            try decoder.rejectValue(.boolType)
            return nil
        }
    }

    /// `true` or `false`.
    public func encode(to writer: inout JSONWriter) { writer.writeBool(self) }
    /// `{"type":"boolean"}`.
    public static func jsonSchema(in generator: inout JSONSchemaGenerator) -> JSONObject { ["type": "boolean"] }
}
