using SpotConnect.Policies;

namespace SpotConnect.Org;

/// <summary>
/// The regions of each partition a StackSet's instances may be created in, and the default one. Source: AWS General
/// Reference "AWS Regions", the GovCloud (US) and China user guides, as of 2026-11 (the same list as the
/// least-privilege data's region table).
/// </summary>
public static class OrgRegions
{
    private static readonly Dictionary<string, string[]> ByPartition = new(StringComparer.Ordinal)
    {
        ["aws"] =
        [
            "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
            "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
            "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        ],
        ["aws-us-gov"] = ["us-gov-east-1", "us-gov-west-1"],
        ["aws-cn"] = ["cn-north-1", "cn-northwest-1"],
    };

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
        return ByPartition[partition.Name];
    }

    /// <summary>The default region of <paramref name="partition"/>: <c>us-east-1</c>, <c>us-gov-west-1</c> or <c>cn-north-1</c>.</summary>
    public static string DefaultOf(SpotPartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return Defaults[partition.Name];
    }
}
