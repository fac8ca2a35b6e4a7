using System.Text.Json.Serialization;

namespace SpotConnect.Catalog;

/// <summary>The JSON shape of <c>catalog.json</c>.</summary>
internal sealed record CatalogDocument(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("defaultKeyword")] string DefaultKeyword,
    [property: JsonPropertyName("statements")] IReadOnlyList<CatalogStatementDocument> Statements,
    [property: JsonPropertyName("bundles")] IReadOnlyList<CatalogBundleDocument> Bundles);

/// <summary>The JSON shape of one statement in <c>catalog.json</c>.</summary>
internal sealed record CatalogStatementDocument(
    [property: JsonPropertyName("sid")] string Sid,
    [property: JsonPropertyName("actions")] IReadOnlyList<string> Actions,
    [property: JsonPropertyName("resources")] IReadOnlyList<string> Resources,
    [property: JsonPropertyName("effect")] string Effect = "Allow");

/// <summary>The JSON shape of one bundle in <c>catalog.json</c>.</summary>
internal sealed record CatalogBundleDocument(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("product")] string Product,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("integration")] string? Integration = null,
    [property: JsonPropertyName("alwaysIncluded")] bool AlwaysIncluded = false,
    [property: JsonPropertyName("optIn")] bool OptIn = false,
    [property: JsonPropertyName("requires")] IReadOnlyList<string>? RequiresOrNull = null,
    [property: JsonPropertyName("statements")] IReadOnlyList<string>? StatementsOrNull = null,
    [property: JsonPropertyName("awsManagedPolicies")] IReadOnlyList<string>? AwsManagedPoliciesOrNull = null)
{
    public IReadOnlyList<string> Requires => RequiresOrNull ?? [];

    public IReadOnlyList<string> Statements => StatementsOrNull ?? [];

    public IReadOnlyList<string> AwsManagedPolicies => AwsManagedPoliciesOrNull ?? [];
}

/// <summary>Source-generated System.Text.Json metadata for the catalog (fast start, trim-safe).</summary>
[JsonSourceGenerationOptions(
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CatalogDocument))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext
{
}
