using SpotConnect.Cdk;
using SpotConnect.Settings;

namespace SpotConnect.Hosting;

/// <summary>The link's settings as read from context, onto the public props of the app's stack.</summary>
internal static class LinkOptions
{
    public static void CopyTo(ISpotLinkOptions from, SpotLinkStackProps to)
    {
        to.ExternalId = from.ExternalId;
        to.Bundles = from.Bundles;
        to.Partition = from.Partition;
        to.PrincipalAccountId = from.PrincipalAccountId;
        to.RoleName = from.RoleName;
        to.RolePath = from.RolePath;
        to.PolicyName = from.PolicyName;
        to.MaxManagedPolicies = from.MaxManagedPolicies;
        to.RolePermissionsBoundary = from.RolePermissionsBoundary;
        to.Tags = Tags(from);
        to.Regions = from.Regions;
        to.RestrictToSpotResources = from.RestrictToSpotResources;
        to.KmsKeyArns = from.KmsKeyArns;
        to.LogBucket = from.LogBucket;
    }

    public static void CopyTo(ISpotRoleOptions from, SpotOrgStackProps to)
    {
        to.Bundles = from.Bundles;
        to.Partition = from.Partition;
        to.PrincipalAccountId = from.PrincipalAccountId;
        to.RoleName = from.RoleName;
        to.RolePath = from.RolePath;
        to.PolicyName = from.PolicyName;
        to.MaxManagedPolicies = from.MaxManagedPolicies;
        to.RolePermissionsBoundary = from.RolePermissionsBoundary;
        to.Tags = Tags(from);
        to.Regions = from.Regions;
        to.RestrictToSpotResources = from.RestrictToSpotResources;
        to.KmsKeyArns = from.KmsKeyArns;
        to.LogBucket = from.LogBucket;
    }

    private static Dictionary<string, string>? Tags(ISpotRoleOptions from) =>
        from.Tags is null ? null : new Dictionary<string, string>(from.Tags, StringComparer.Ordinal);
}
