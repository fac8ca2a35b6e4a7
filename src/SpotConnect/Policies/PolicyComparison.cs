using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpotConnect.Policies;

/// <summary>A grant that exists only on one side, with what the other side still grants beneath it.</summary>
/// <param name="Grant">The grant.</param>
/// <param name="PartlyKept">Grants of the other side that this wildcard covers (empty for a plain action).</param>
public sealed record GrantChange(PolicyGrant Grant, IReadOnlyList<PolicyGrant> PartlyKept);

/// <summary>
/// The difference between what a selection grants and what an existing policy grants, compared as
/// permissions, not text: a grant counts as present on the other side when a grant there covers it
/// (<c>ec2:Describe*</c> covers <c>ec2:DescribeImages</c>; <c>*</c> covers any resource).
/// </summary>
public sealed record PolicyComparison
{
    /// <summary>Granted by the selection and by nothing in the existing policy.</summary>
    public required IReadOnlyList<GrantChange> Added { get; init; }

    /// <summary>Granted by the existing policy and by nothing in the selection.</summary>
    public required IReadOnlyList<GrantChange> Removed { get; init; }

    /// <summary>Statements of the existing policy that could not be compared (Deny, NotAction, NotResource, Condition).</summary>
    public required IReadOnlyList<string> NotCompared { get; init; }

    /// <summary>Whether the two grant different permissions.</summary>
    public bool HasChanges => Added.Count > 0 || Removed.Count > 0;

    /// <summary>Compares <paramref name="proposed"/> (what the selection grants) with <paramref name="existing"/>.</summary>
    public static PolicyComparison Compare(IReadOnlyList<PolicyGrant> proposed, ExistingPolicy existing)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(existing);
        return new PolicyComparison
        {
            Added = Missing(proposed, existing.Grants),
            Removed = Missing(existing.Grants, proposed),
            NotCompared = existing.Skipped,
        };
    }

    /// <summary>The grants of a plan, ARNs resolved for <paramref name="partition"/>.</summary>
    public static IReadOnlyList<PolicyGrant> GrantsOf(PolicyPlan plan, SpotPartition partition)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(partition);
        var grants = plan.Statements.SelectMany(s => s.Actions.SelectMany(a => s.Resources.Select(r => new PolicyGrant(a, partition.Resolve(r)))));
        var awsManaged = plan.AwsManagedPolicies.Select(n => new PolicyGrant($"(AWS managed policy {n})", PolicyPlan.AwsManagedPolicyArn(partition, n)));
        return grants.Concat(awsManaged).Distinct().ToArray();
    }

    /// <summary>The comparison as JSON: <c>{"added":[…],"removed":[…],"notCompared":[…]}</c>.</summary>
    public JsonObject ToJson()
    {
        static JsonArray Changes(IEnumerable<GrantChange> changes) => new(changes.Select(c => (JsonNode)new JsonObject
        {
            ["action"] = c.Grant.Action,
            ["resource"] = c.Grant.Resource,
            ["partlyKept"] = new JsonArray(c.PartlyKept.Select(k => (JsonNode)JsonValue.Create(k.ToString())!).ToArray()),
        }).ToArray());

        return new JsonObject
        {
            ["added"] = Changes(Added),
            ["removed"] = Changes(Removed),
            ["notCompared"] = JsonSerializer.SerializeToNode(NotCompared),
        };
    }

    private static GrantChange[] Missing(IReadOnlyList<PolicyGrant> side, IReadOnlyList<PolicyGrant> other) =>
        side.Where(g => !other.Any(o => o.Covers(g)))
            .DistinctBy(g => (g.Action.ToLowerInvariant(), g.Resource))
            .OrderBy(g => g.Action, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Resource, StringComparer.Ordinal)
            .Select(g => new GrantChange(g, other.Where(g.Covers).ToArray()))
            .ToArray();
}
