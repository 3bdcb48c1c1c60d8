import ApusCore
import ApusEndpoints
import ApusModels

extension DocumentAssembly {
    /// One operation object, keys in FastAPI's order: tags, summary, description, operationId, deprecated,
    /// parameters, requestBody, responses, security.
    mutating func operation(for route: Route, documentation: OperationDocumentation) -> JSONObject {
        let metadata = route.metadata
        let operationID = metadata.operationID ?? self.configuration.operationID(route)
        var operation = JSONObject()
        if !metadata.tags.isEmpty { operation["tags"] = .array(metadata.tags.map { .string($0) }) }
        if let summary = metadata.summary ?? OperationNaming.summary(forName: metadata.name) {
            operation["summary"] = .string(summary)
        }
        if let description = metadata.description { operation["description"] = .string(description) }
        operation["operationId"] = .string(operationID)
        if metadata.deprecated { operation["deprecated"] = true }
        let parameters = self.parameters(documentation.parameters)
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if let body = documentation.requestBody, !body.fields.isEmpty {
            operation["requestBody"] = .object(self.requestBody(body, operationID: operationID))
        }
        operation["responses"] = .object(self.responses(for: documentation, defaultStatus: metadata.status ?? .ok))
        if !documentation.security.isEmpty {
            operation["security"] = .array(documentation.security.map { .object(self.securityRequirement($0)) })
        }
        return operation
    }

    /// Path parameters first, then query, header and cookie ones (FastAPI's order), hidden ones left out.
    mutating func parameters(_ parameters: [ParameterDocumentation]) -> [JSONValue] {
        let visible = parameters.filter(\.includeInSchema).enumerated().sorted {
            $0.element.source != $1.element.source ? $0.element.source < $1.element.source : $0.offset < $1.offset
        }
        return visible.map { _, parameter in
            var json: JSONObject = [
                "name": .string(parameter.name),
                "in": .string(parameter.source.locationName),
                "required": .bool(parameter.source == .path || parameter.isRequired),
                "schema": .object(parameter.schema.schema(in: &self.generator)),
            ]
            if let description = parameter.description { json["description"] = .string(description) }
            if parameter.deprecated { json["deprecated"] = true }
            return .object(json)
        }
    }

    /// A lone JSON body is the field's schema; several fields, an embedded one, or a form become the component
    /// `Body_<operationId>`.
    mutating func requestBody(_ body: RequestBodyDocumentation, operationID: String) -> JSONObject {
        let schema: JSONObject
        if body.isEmbedded {
            let fields = body.fields
            schema = self.generator.reference(named: "Body_" + operationID) { generator in
                var properties = JSONObject()
                var required: [JSONValue] = []
                for field in fields {
                    properties[field.name] = .object(field.propertySchema.schema(in: &generator))
                    if field.isRequired { required.append(.string(field.name)) }
                }
                var component: JSONObject = ["properties": .object(properties), "type": "object"]
                if !required.isEmpty { component["required"] = .array(required) }
                component["title"] = .string("Body_" + operationID)
                return component
            }
        } else {
            schema = body.fields[0].propertySchema.schema(in: &self.generator)
        }
        var json: JSONObject = ["content": [body.mediaType: ["schema": .object(schema)]]]
        if body.isRequired { json["required"] = true }
        return json
    }

    /// The success response, then the declared ones, then `400` for a body that may not parse, then `422` when
    /// the operation reads anything.
    mutating func responses(for documentation: OperationDocumentation, defaultStatus: HTTPResponse.Status) -> JSONObject {
        let success = documentation.successResponse ?? DocumentedResponse(status: defaultStatus, description: "Successful Response")
        var responses = JSONObject()
        for response in [success] + documentation.responses {
            responses[String(response.status.code)] = .object(self.response(response))
        }
        if self.configuration.documentsBodyParseErrors, let body = documentation.requestBody,
            body.mediaType != "application/x-www-form-urlencoded", responses["400"] == nil
        {
            responses["400"] = .object(self.response(.error(.badRequest, "Unparsable Body")))
        }
        if documentation.hasInputs, responses["422"] == nil {
            let reference = ValidationErrorSchemas.reference(in: &self.generator)
            responses["422"] = ["description": "Validation Error", "content": ["application/json": ["schema": .object(reference)]]]
        }
        return responses
    }

    /// A response object; statuses that have no body (1xx, 204, 304) get no content, as in FastAPI.
    mutating func response(_ response: DocumentedResponse) -> JSONObject {
        var json: JSONObject = ["description": .string(response.description)]
        let code = response.status.code
        let allowsBody = code >= 200 && code != 204 && code != 304
        if allowsBody, let mediaType = response.mediaType {
            if let itemSchema = response.itemSchema {
                json["content"] = [mediaType: ["itemSchema": .object(itemSchema.schema(in: &self.generator))]]
            } else {
                let schema = response.schema?.schema(in: &self.generator) ?? [:]
                json["content"] = [mediaType: ["schema": .object(schema)]]
            }
        }
        return json
    }

    /// `{"<scheme>": [scopes]}`, registering the scheme under `components.securitySchemes`.
    mutating func securityRequirement(_ requirement: SecurityRequirementDocumentation) -> JSONObject {
        if self.securitySchemes[requirement.schemeName] == nil {
            self.securitySchemes[requirement.schemeName] = .object(requirement.scheme)
        }
        return [requirement.schemeName: .array(requirement.scopes.map { .string($0) })]
    }
}
