using SpotConnect.Org;

namespace SpotConnect.Settings;

/// <summary>The StackSet capacity of an organization rollout: one number for SpotOrgStack and the CLI's <c>org deploy</c>.</summary>
public static class SpotOrgCapacity
{
    /// <summary>
    /// How many accounts one StackSet holds for <paramref name="link"/>'s role and policies: the member template's
    /// size limit (51,200 bytes inline; 460,800 bytes from S3 when <paramref name="bootstrapped"/>) less its base size,
    /// divided by the largest mapping entry of <paramref name="state"/>'s external ids. Pass
    /// <see cref="OrgCapacity.Accounts"/> to <see cref="OrgStackSetPlanner.Assign"/> (when it is at least 1).
    /// </summary>
    /// <param name="state">The organization state.</param>
    /// <param name="link">The resolved link (bundles and names as the stack is synthesized with).</param>
    /// <param name="bootstrapped">The value of <c>spot:bootstrapped</c> for the admin account.</param>
    public static OrgCapacity For(OrgState state, SpotLinkSpec link, bool bootstrapped)
    {
        ArgumentNullException.ThrowIfNull(link);
        return OrgTemplateSize.Capacity(state, link.Plan, link.RoleName, link.PrincipalAccountId, bootstrapped, RoleExtraBytes(link));
    }

    /// <summary>An upper bound of the member template's bytes without mapping entries, for <paramref name="link"/> (its tags and boundary included).</summary>
    public static int BaseBytes(SpotLinkSpec link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return OrgTemplateSize.BaseBytes(link.Plan, link.RoleName, link.PrincipalAccountId, RoleExtraBytes(link));
    }

    private static int RoleExtraBytes(SpotLinkSpec link) => OrgTemplateSize.RoleExtraBytes(link.Tags, link.PermissionsBoundary);
}
