using SpotConnect.Catalog;
using SpotConnect.Policies;

namespace SpotConnect.Org;

/// <summary>
/// The regions of each partition a StackSet's instances may be created in (the one region table, kept as data in
/// <c>Catalog/least-privilege.json</c> with its source), and the default one.
/// </summary>
internal static class OrgRegions
{
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal)
    {
        ["aws"] = "us-east-1",
        ["aws-us-gov"] = "us-gov-west-1",
        ["aws-cn"] = "cn-north-1",
    };

    /// <summary>The regions of <paramref name="partition"/>.</summary>
    public static IReadOnlyList<string> Of(SpotPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return LeastPrivilegeData.Spot.Regions.Of(partition.Name);
    }

    /// <summary>The default region of <paramref name="partition"/>: <c>us-east-1</c>, <c>us-gov-west-1</c> or <c>cn-north-1</c>.</summary>
    public static string DefaultOf(SpotPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return Defaults[partition.Name];
    }
}
