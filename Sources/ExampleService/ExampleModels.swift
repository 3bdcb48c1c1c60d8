public import Apus

/// An item for sale (the seed's `Item`).
@Schema
public struct Item {
    /// The item's name.
    @Field(minLength: 1)
    public var name: String
    /// The price; must be positive.
    @Field(gt: 0)
    public var price: Double
    public var tags: [String] = []
    public var description: String? = nil
}

/// `GET /items/{item_id}`: `q` is left out when absent (the route encodes with `dropNilFields`).
@Schema(naming: .snakeCase)
struct ItemSummary {
    var itemId: Int
    var name: String
    var q: String? = nil
}

/// A new user (the seed's `UserIn`): a company e-mail address and an adult age.
@Schema
public struct UserIn {
    @Field(format: .email, validator: UserIn.requireCompanyDomain)
    public var email: String
    @Field(ge: 18)
    public var age: Int

    /// The seed's `must_be_corporate` validator.
    static func requireCompanyDomain(_ email: String) throws -> String {
        guard email.hasSuffix("@company.com") else { throw ValueError("Must be a company email") }
        return email
    }
}

/// The fields a post's owner may change.
@Schema
struct PostUpdate {
    @Field(minLength: 1)
    var title: String
    var content: String
}

/// A post as stored and returned.
@Schema
struct Post {
    var id: Int
    var title: String
    var content: String
    var owner: String
}

/// `GET /api/v1/users/{user_id}`.
@Schema
struct UserV1 {
    var id: Int
    var name: String
}

/// `GET /api/v2/users/{user_id}`: v2 splits the name and adds the e-mail address.
@Schema(naming: .snakeCase)
struct UserV2 {
    var id: Int
    var firstName: String
    var lastName: String
    var email: String
}

/// `GET /`.
@Schema
struct Greeting {
    var message: String
}

/// `GET /health`.
@Schema
struct Health {
    var status: String
}

/// `GET /protected-route`.
@Schema
struct AccessMessage {
    var message: String
}

/// An item owned by a user (`GET /users/me/items`).
@Schema(naming: .snakeCase)
struct OwnedItem {
    var itemId: Int
    var name: String
    var owner: String
}
