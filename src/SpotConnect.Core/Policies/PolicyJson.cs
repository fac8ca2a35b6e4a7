using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpotConnect.Policies;

/// <summary>JSON rendering and IAM's character count for policy documents.</summary>
public static class PolicyJson
{
    /// <summary>The IAM policy language version every document uses.</summary>
    public const string Version = "2012-10-17";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    /// <summary>Renders compact JSON, without escaping characters that need none.</summary>
    public static string ToCompactString(JsonNode node) => node.ToJsonString(Compact);

    /// <summary>Renders indented JSON, without escaping characters that need none.</summary>
    public static string ToIndentedString(JsonNode node) => node.ToJsonString(Indented);

    /// <summary>
    /// Counts a policy document's characters as IAM does against its size quotas: every character of the
    /// compact JSON except whitespace.
    /// </summary>
    public static int CountCharacters(JsonNode document) => CountCharacters(ToCompactString(document));

    /// <summary>Counts the non-whitespace characters of a JSON text.</summary>
    public static int CountCharacters(string json) => json.Count(c => !char.IsWhiteSpace(c));

    /// <summary>A policy document holding <paramref name="statements"/>, keys in aws-cdk-lib's order.</summary>
    public static JsonObject Document(IEnumerable<JsonNode> statements) => new()
    {
        ["Statement"] = new JsonArray(statements.ToArray()),
        ["Version"] = Version,
    };

    /// <summary>Characters of a document with no statements: the fixed cost of every managed policy.</summary>
    internal static int EmptyDocumentSize { get; } = CountCharacters(Document([]));
}
