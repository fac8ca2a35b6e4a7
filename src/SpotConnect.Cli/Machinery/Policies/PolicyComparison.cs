using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SpotConnect.IO;

namespace SpotConnect.Policies;

/// <summary>A grant that exists only on one side, with what the other side still grants beneath it.</summary>
/// <param name="Grant">The grant.</param>
/// <param name="PartlyKept">Grants of the other side that this wildcard covers (empty for a plain action).</param>
internal sealed record GrantChange([property: JsonIgnore] PolicyGrant Grant, [property: JsonIgnore] IReadOnlyList<PolicyGrant> PartlyKept)
{
    /// <summary>The grant's action.</summary>
    public string Action => Grant.Action;

    /// <summary>The grant's resource.</summary>
    public string Resource => Grant.Resource;

    /// <summary>The grant's conditions, as text.</summary>
    public IEnumerable<string> Conditions => Grant.Conditions.Select(c => c.ToString());

    /// <summary><see cref="PartlyKept"/> as text.</summary>
    [JsonPropertyName("partlyKept")]
    [JsonPropertyOrder(1)]
    public IEnumerable<string> PartlyKeptText => PartlyKept.Select(k => k.ToString());
}

/// <summary>
/// The difference between what a selection grants and what an existing policy grants, compared as
/// permissions, not text: a grant counts as present on the other side when a grant there covers it
/// (<c>ec2:Describe*</c> covers <c>ec2:DescribeImages</c>; <c>*</c> covers any resource).
/// </summary>
internal sealed record PolicyComparison
{
    /// <summary>Granted by the selection and by nothing in the existing policy.</summary>
    public required IReadOnlyList<GrantChange> Added { get; init; }

    /// <summary>Granted by the existing policy and by nothing in the selection.</summary>
    public required IReadOnlyList<GrantChange> Removed { get; init; }

    /// <summary>Statements of the existing policy that could not be compared (Deny, NotAction, NotResource, Condition).</summary>
    public required IReadOnlyList<string> NotCompared { get; init; }

    /// <summary>ARNs of the AWS managed policies the selection also attaches; a policy document cannot hold them, so they are listed, not compared.</summary>
    public IReadOnlyList<string> AwsManagedPolicies { get; init; } = [];

    /// <summary>Whether the compared statements grant different permissions.</summary>
    [JsonIgnore]
    public bool HasChanges => Added.Count > 0 || Removed.Count > 0;

    /// <summary>
    /// Whether the two are known to grant the same: no change, and no statement that could not be compared
    /// (a Deny or a condition the selection would drop is a difference this comparison cannot rule out).
    /// </summary>
    [JsonPropertyName("identical")]
    public bool IsIdentical => !HasChanges && NotCompared.Count == 0;

    /// <summary>Compares what <paramref name="plan"/> grants in <paramref name="partition"/> with <paramref name="existing"/>.</summary>
    public static PolicyComparison Compare(PolicyPlan plan, SpotPartition partition, ExistingPolicy existing)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentNullException.ThrowIfNull(existing);
        var proposed = GrantsOf(plan, partition);
        return new PolicyComparison
        {
            Added = Missing(proposed, existing.Grants),
            Removed = Missing(existing.Grants, proposed),
            NotCompared = existing.Skipped,
            AwsManagedPolicies = plan.AwsManagedPolicies.Select(n => PolicyPlan.AwsManagedPolicyArn(partition, n)).ToArray(),
        };
    }

    /// <summary>The grants of a plan's statements, ARNs resolved for <paramref name="partition"/>.</summary>
    public static IReadOnlyList<PolicyGrant> GrantsOf(PolicyPlan plan, SpotPartition partition)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(partition);
        return plan.Statements
            .SelectMany(s => s.Actions.SelectMany(a => s.Resources.Select(r => new PolicyGrant(a, partition.Resolve(r)) { Conditions = s.Conditions })))
            .Distinct()
            .ToArray();
    }

    /// <summary>The comparison as JSON: <c>{"added":[…],"removed":[…],"notCompared":[…],"awsManagedPolicies":[…],"identical":…}</c>, as a plan serializes it too.</summary>
    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, CliJson.Options)!.AsObject();

    private static GrantChange[] Missing(IReadOnlyList<PolicyGrant> side, IReadOnlyList<PolicyGrant> other) =>
        side.Where(g => !other.Any(o => o.Covers(g)))
            .DistinctBy(g => (g.Action.ToLowerInvariant(), g.Resource, string.Join(" and ", g.Conditions)))
            .OrderBy(g => g.Action, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Resource, StringComparer.Ordinal)
            .Select(g => new GrantChange(g, other.Where(g.Covers).ToArray()))
            .ToArray();
}
