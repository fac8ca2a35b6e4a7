using SpotConnect.Org;

namespace SpotConnect.Settings;

/// <summary>
/// What an organization rollout (SpotOrgStack) is made of, as given: each property is a setting of
/// <see cref="SpotSettings.Org"/>, and <see langword="null"/> means its default. <see cref="SpotOrgSpec.Resolve"/>
/// applies the defaults and checks every rule at once. The role and policies are a link's options
/// (<see cref="SpotLinkOptions"/>), without the external id, which comes per account from the state.
/// </summary>
public record SpotOrgOptions
{
    /// <summary>Path of the org state file (<c>spot-org.json</c>), read when <see cref="State"/> is not given.</summary>
    public string? OrgStateFile { get; init; }

    /// <summary>The organization state itself (a library user may build it in memory); wins over <see cref="OrgStateFile"/>.</summary>
    public OrgState? State { get; init; }

    /// <summary>The one region StackSet instances are created in (IAM is global).</summary>
    /// <remarks>Default: <c>us-east-1</c>, <c>us-gov-west-1</c> or <c>cn-north-1</c> by partition.</remarks>
    public string? OrgRegion { get; init; }

    /// <summary><c>SELF</c> (the management account administers the StackSets) or <c>DELEGATED_ADMIN</c>.</summary>
    /// <remarks>Default: <c>SELF</c>.</remarks>
    public string? OrgCallAs { get; init; }

    /// <summary>The percentage (0–100) of accounts that may fail before a StackSet operation stops.</summary>
    /// <remarks>Default: 10.</remarks>
    public int? OrgFailureTolerance { get; init; }
}
