using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpotConnect.Policies;

/// <summary>
/// A policy someone already runs, read from JSON for comparison: a policy document, an array of them, the
/// output of <c>spot-connect policy</c> (<c>[{"name", "document"}]</c>), or <c>aws iam get-policy-version</c>
/// output (<c>{"PolicyVersion": {"Document": …}}</c>).
/// </summary>
internal sealed record ExistingPolicy
{
    /// <summary>The Allow grants of every comparable statement.</summary>
    public required IReadOnlyList<PolicyGrant> Grants { get; init; }

    /// <summary>Descriptions of the statements left out because they cannot be compared as plain grants.</summary>
    public required IReadOnlyList<string> Skipped { get; init; }

    /// <summary>Reads a policy from JSON text.</summary>
    /// <exception cref="FormatException">The text is not JSON or not a policy; the message says why.</exception>
    public static ExistingPolicy Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"not valid JSON ({e.Message})", e);
        }

        var statements = new List<JsonObject>();
        try
        {
            Collect(root, statements, depth: 0);
        }
        catch (JsonException e)
        {
            throw new FormatException($"an embedded policy document is not valid JSON ({e.Message})", e);
        }

        if (statements.Count == 0)
        {
            throw new FormatException("no policy statements found: expected a policy document ({\"Version\", \"Statement\"}), a list of them, spot-connect policy output, or aws iam get-policy-version output");
        }

        try
        {
            return FromStatements(statements);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"a statement holds a value of the wrong type ({e.Message})", e);
        }
    }

    private static ExistingPolicy FromStatements(List<JsonObject> statements)
    {
        var grants = new List<PolicyGrant>();
        var skipped = new List<string>();
        foreach (var statement in statements)
        {
            var sid = statement["Sid"] is JsonValue s ? $"'{s}'" : "(no Sid)";
            var effect = statement["Effect"]?.GetValue<string>();
            var reason = effect != "Allow" ? $"Effect {effect ?? "missing"}"
                : statement.ContainsKey("NotAction") ? "NotAction"
                : statement.ContainsKey("NotResource") ? "NotResource"
                : null;
            var conditions = Conditions(statement["Condition"], out var unreadable);
            reason ??= unreadable;
            if (reason is not null)
            {
                skipped.Add($"statement {sid}: {reason}");
                continue;
            }

            foreach (var action in Strings(statement["Action"]))
            {
                foreach (var resource in Strings(statement["Resource"]))
                {
                    grants.Add(new PolicyGrant(action, resource) { Conditions = conditions });
                }
            }
        }

        return new ExistingPolicy { Grants = grants, Skipped = skipped };
    }

    private static void Collect(JsonNode? node, List<JsonObject> statements, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, statements, depth + 1);
                }

                break;
            case JsonObject o when o["Statement"] is { } statement:
                foreach (var s in statement is JsonArray list ? list.ToArray() : [statement])
                {
                    if (s is JsonObject so)
                    {
                        statements.Add(so);
                    }
                }

                break;
            case JsonObject o when o["document"] is { } spotConnectDocument:
                Collect(spotConnectDocument, statements, depth + 1);
                break;
            case JsonObject o when o["PolicyVersion"] is JsonObject version:
                // The IAM API returns the document URL-encoded; the AWS CLI decodes it.
                var document = version["Document"];
                Collect(document is JsonValue encoded && encoded.TryGetValue<string>(out var text) ? JsonNode.Parse(Uri.UnescapeDataString(text)) : document, statements, depth + 1);
                break;
            case JsonObject o when o.ContainsKey("Effect") && (o.ContainsKey("Action") || o.ContainsKey("NotAction")):
                statements.Add(o);
                break;
        }
    }

    /// <summary>The conditions of a statement's <c>Condition</c> block; <paramref name="unreadable"/> says why it cannot be compared.</summary>
    private static List<PolicyCondition> Conditions(JsonNode? block, out string? unreadable)
    {
        unreadable = null;
        if (block is null)
        {
            return [];
        }

        if (block is not JsonObject operators)
        {
            unreadable = "Condition is not an object";
            return [];
        }

        var conditions = new List<PolicyCondition>();
        foreach (var (op, keys) in operators)
        {
            if (keys is not JsonObject keyValues || op.Contains(':', StringComparison.Ordinal))
            {
                // Set operators (ForAnyValue:, ForAllValues:) compare multi-valued keys differently: not compared.
                unreadable = $"Condition operator {op}";
                return [];
            }

            foreach (var (key, values) in keyValues)
            {
                conditions.Add(new PolicyCondition(op, key, values switch
                {
                    JsonArray list => list.Select(v => v?.ToString() ?? string.Empty).ToArray(),
                    null => [],
                    _ => [values.ToString()],
                }));
            }
        }

        return conditions;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(v => v?.GetValue<string>() ?? throw new FormatException("a statement lists null as an action or resource")),
        JsonValue value => [value.GetValue<string>()],
        _ => [],
    };
}
