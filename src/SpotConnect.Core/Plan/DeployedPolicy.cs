using System.Text.Json.Nodes;

namespace SpotConnect.Plan;

/// <summary>One customer managed policy as IAM stores it (ARNs resolved for the partition).</summary>
public sealed record DeployedPolicy
{
    /// <summary>The policy name.</summary>
    public required string Name { get; init; }

    /// <summary>The policy document.</summary>
    public required JsonObject Document { get; init; }
}
