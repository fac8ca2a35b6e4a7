using System.Text.Json.Nodes;

namespace SpotConnect.Policies;

/// <summary>
/// A statement as it goes into a managed policy: Spot's <c>Sid</c>, the actions left after
/// de-duplication, and the resources (ARN templates with <c>${AWS::Partition}</c>).
/// </summary>
/// <param name="Sid">Spot's statement id.</param>
/// <param name="Actions">The actions, in Spot's order.</param>
/// <param name="Resources">The resource ARN templates.</param>
public sealed record PolicyStatementSpec(string Sid, IReadOnlyList<string> Actions, IReadOnlyList<string> Resources)
{
    /// <summary>The statement's conditions (all must hold); none for Spot's published statements.</summary>
    public IReadOnlyList<PolicyCondition> Conditions { get; init; } = [];

    /// <summary>
    /// The statement as IAM will store it for <paramref name="partition"/>, in the shape aws-cdk-lib renders
    /// (keys <c>Action</c>, <c>Condition</c>, <c>Effect</c>, <c>Resource</c>, <c>Sid</c>; a single value is a string, not a list).
    /// </summary>
    public JsonObject ToJson(SpotPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var json = new JsonObject { ["Action"] = ValueOrList(Actions) };
        if (Conditions.Count > 0)
        {
            json["Condition"] = ConditionJson();
        }

        json["Effect"] = "Allow";
        json["Resource"] = ValueOrList(Resources.Select(partition.Resolve).ToArray());
        json["Sid"] = Sid;
        return json;
    }

    /// <summary>
    /// The <c>Condition</c> block as plain values: operators in order of first use, each with its keys, a single value as
    /// a string and several as an array (the shape IAM stores and aws-cdk-lib renders). The CLI's JSON and the
    /// construct's <c>PolicyStatement</c> both use it, so they cannot differ.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object>> ConditionBlock() =>
        Conditions.GroupBy(c => c.Operator, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyDictionary<string, object>)g.ToDictionary(c => c.Key, c => c.Values.Count == 1 ? (object)c.Values[0] : c.Values.ToArray(), StringComparer.Ordinal),
            StringComparer.Ordinal);

    /// <summary>The <c>Condition</c> block as JSON (see <see cref="ConditionBlock"/>).</summary>
    public JsonObject ConditionJson() => System.Text.Json.JsonSerializer.SerializeToNode(ConditionBlock())!.AsObject();

    /// <summary>Characters the statement takes in a policy, as IAM counts them, for the longest partition name.</summary>
    public int Size => PolicyJson.CountCharacters(ToJson(SpotPartition.Longest));

    private static JsonNode ValueOrList(IReadOnlyList<string> values) =>
        values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());
}
