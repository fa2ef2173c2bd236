/** A loyalty-and-shipping team's subgraph: its own Money and PageInfo, ShopGraph's entities by key. */
export const SECOND_SUBGRAPH_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])

  scalar Decimal

  type Money @shareable {
    amount: Decimal!
    currency: String!
  }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    endCursor: String
  }

  type Shop @key(fields: "id") {
    id: ID!
    loyaltyBalance: Money!
    shipments(first: Int! = 10, after: String): ShipmentConnection!
  }

  type Order @key(fields: "shopId id") {
    shopId: ID!
    id: ID!
    shippingQuote: Money
  }

  type ShipmentConnection {
    nodes: [Shipment!]!
    pageInfo: PageInfo!
  }

  type Shipment {
    id: ID!
    carrier: String!
  }

  type Query {
    loyaltyTiers: [String!]!
  }
`;
