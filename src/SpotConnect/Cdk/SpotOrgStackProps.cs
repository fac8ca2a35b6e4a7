using Amazon.CDK;
using SpotConnect.Settings;

namespace SpotConnect.Cdk;

/// <summary>
/// Properties of <see cref="SpotOrgStack"/>: the stack's own (every <see cref="StackProps"/> property is passed
/// through), the role and policies every account gets, and the organization rollout.
/// </summary>
public class SpotOrgStackProps : StackProps
{
    /// <summary>The role and policies of every account (bundles, names, partition, trusted Spot account, quota, removal policy).</summary>
    /// <remarks>Default: every default of <see cref="SpotLinkProps"/>. Its <c>ExternalId</c> is not used: each account's comes from the state.</remarks>
    public SpotLinkProps? Link { get; set; }

    /// <summary>The organization rollout: the state (or its file), region, caller, failure tolerance.</summary>
    /// <remarks>Required: <see cref="SpotOrgOptions.State"/> or <see cref="SpotOrgOptions.OrgStateFile"/>.</remarks>
    public SpotOrgOptions? Org { get; set; }

    /// <summary>
    /// Whether the admin account was bootstrapped with <c>cdk bootstrap</c>. When <see langword="false"/> the stack
    /// uses CDK's <see cref="LegacyStackSynthesizer"/> and every template must be inline (51,200 bytes); when
    /// <see langword="true"/>, member templates over 51,200 bytes go to S3 as assets (up to 460,800 bytes), so a
    /// StackSet holds about ten times as many accounts.
    /// </summary>
    /// <remarks>Default: <see langword="false"/>.</remarks>
    public bool? Bootstrapped { get; set; }
}
