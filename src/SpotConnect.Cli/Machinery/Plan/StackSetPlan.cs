using System.Text.Json.Serialization;

namespace SpotConnect.Plan;

/// <summary>One StackSet's accounts, deployed and planned (serialized as counts, with the accounts added and removed).</summary>
internal sealed record StackSetPlan(string Name, [property: JsonIgnore] IReadOnlyList<string> Deployed, [property: JsonIgnore] IReadOnlyList<string> Planned)
{
    /// <summary>How many accounts hold a deployed stack instance.</summary>
    [JsonPropertyName("deployed")]
    public int DeployedCount => Deployed.Count;

    /// <summary>How many accounts would.</summary>
    [JsonPropertyName("planned")]
    public int PlannedCount => Planned.Count;

    /// <summary>Accounts the deploy adds to the StackSet (a stack instance, a role).</summary>
    public IReadOnlyList<string> Added { get; } = Planned.Except(Deployed, StringComparer.Ordinal).ToArray();

    /// <summary>Accounts the deploy removes from the StackSet (their stack instance, and role, deleted).</summary>
    public IReadOnlyList<string> Removed { get; } = Deployed.Except(Planned, StringComparer.Ordinal).ToArray();

    /// <summary>Whether the accounts change.</summary>
    [JsonPropertyName("changed")]
    public bool HasChanges => Added.Count > 0 || Removed.Count > 0;
}
