using SpotConnect.Org;

namespace SpotConnect.Settings;

/// <summary>
/// The options of an organization rollout, flat: each property is a setting of <see cref="SpotSettings.Org"/>, and
/// <see langword="null"/> means its default. The org constructs' props implement it beside <see cref="ISpotLinkOptions"/>
/// (the role and policies every account gets); <see cref="SpotOrgSpec.Resolve"/> checks them all at once.
/// </summary>
public interface ISpotOrgOptions
{
    /// <summary>The organization: its accounts, external ids and StackSets, as <c>spot-connect org prepare</c> wrote them (<see cref="OrgState.Load"/>) or built in code.</summary>
    /// <remarks>Default: none (required).</remarks>
    OrgState? State { get; }

    /// <summary>The one region StackSet instances are created in (IAM is global).</summary>
    /// <remarks>Default: the region recorded in the state, else <c>us-east-1</c>, <c>us-gov-west-1</c> or <c>cn-north-1</c> by partition.</remarks>
    string? Region { get; }

    /// <summary>Whom the StackSets are managed as.</summary>
    /// <remarks>Default: the administrator recorded in the state, else <see cref="OrgCallAs.Self"/>.</remarks>
    OrgCallAs? CallAs { get; }

    /// <summary>The percentage (0–100) of accounts that may fail before a StackSet operation stops.</summary>
    /// <remarks>Default: 10.</remarks>
    int? FailureTolerance { get; }
}
