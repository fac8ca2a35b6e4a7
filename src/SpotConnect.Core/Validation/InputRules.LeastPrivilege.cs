using System.Text.RegularExpressions;

namespace SpotConnect.Validation;

/// <summary>IAM's and AWS's rules for the least-privilege settings.</summary>
public static partial class InputRules
{
    /// <summary>The most tags an IAM role (and a CloudFormation stack) may carry.</summary>
    public const int MaxTags = 50;

    /// <summary>The longest tag key.</summary>
    public const int TagKeyMaxLength = 128;

    /// <summary>The longest tag value.</summary>
    public const int TagValueMaxLength = 256;

    /// <summary>Prefixes S3 reserves for general purpose bucket names.</summary>
    private static readonly string[] ReservedBucketPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];

    /// <summary>Suffixes S3 reserves (access point aliases, Object Lambda, directory buckets, multi-Region access points).</summary>
    private static readonly string[] ReservedBucketSuffixes = ["-s3alias", "--ol-s3", "--x-s3", "--table-s3", ".mrap"];

    /// <summary>The partitions an ARN may name.</summary>
    private const string PartitionAlternatives = "aws|aws-us-gov|aws-cn";

    /// <summary>A permissions boundary: a managed policy ARN, or a policy name in the deploying account.</summary>
    public static ValidationProblem? PermissionsBoundary(string field, string? value)
    {
        if (!string.IsNullOrEmpty(value) && (BoundaryArn().IsMatch(value) || (value.Length <= PolicyNameMaxLength && IamNameChars().IsMatch(value))))
        {
            return null;
        }

        return new(field, value is null ? null : Shorten(value),
            "a permissions boundary is a managed policy ARN (arn:<partition>:iam::<account id or aws>:policy/[path/]<name>) or a managed policy name in the deploying account (1–128 characters of letters, digits and _+=,.@-).");
    }

    /// <summary>The partition an ARN names, or <see langword="null"/> when <paramref name="value"/> is not an ARN.</summary>
    public static string? ArnPartition(string value) =>
        value.StartsWith("arn:", StringComparison.Ordinal) && value.IndexOf(':', 4) is > 4 and var end ? value[4..end] : null;

    /// <summary>Tags as IAM and CloudFormation accept them on a role and a stack: every problem in one message.</summary>
    public static ValidationProblem? Tags(string field, IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return null;
        }

        var issues = new List<string>();
        if (tags.Count > MaxTags)
        {
            issues.Add($"{tags.Count} tags, more than the {MaxTags} a role or stack may carry");
        }

        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > TagKeyMaxLength || !TagChars().IsMatch(key))
            {
                issues.Add($"key '{Shorten(key)}' must be 1–{TagKeyMaxLength} characters of letters, digits, spaces and _.:/=+-@");
            }
            else if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                issues.Add($"key '{key}' uses the prefix 'aws:', which AWS reserves");
            }

            // IAM allows an empty value, but the same tags go on the stack, and CloudFormation requires 1–256 characters.
            if (value.Length is 0 or > TagValueMaxLength || !TagChars().IsMatch(value))
            {
                issues.Add($"the value of '{Shorten(key)}' must be 1–{TagValueMaxLength} characters of letters, digits, spaces and _.:/=+-@ (the tags also go on the stack, where CloudFormation requires a value)");
            }
        }

        issues.AddRange(tags.Keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"keys {string.Join(" and ", g.Select(k => $"'{k}'"))} differ only in case, which IAM treats as the same key"));
        return issues.Count == 0 ? null
            : new(field, string.Join(",", tags.Select(t => $"{t.Key}={t.Value}")) is var text ? Shorten(text) : null,
                $"tags follow IAM's rules: {string.Join("; ", issues)}.");
    }

    /// <summary>Region codes: at least one, each shaped like a region code (membership in the partition is checked with the partition).</summary>
    public static ValidationProblem? Regions(string field, IReadOnlyList<string>? regions)
    {
        if (regions is null)
        {
            return null;
        }

        var bad = regions.Where(r => !RegionCode().IsMatch(r)).ToArray();
        return regions.Count == 0 ? new(field, string.Empty, "list at least one region code (e.g. us-east-1,eu-west-1), or leave the setting out to allow every region.")
            : bad.Length > 0 ? new(field, string.Join(",", regions), $"{string.Join(", ", bad.Select(b => $"'{b}'"))} {(bad.Length == 1 ? "is not a region code" : "are not region codes")} (e.g. us-east-1, eu-west-1).")
            : null;
    }

    /// <summary>KMS key ARNs (not aliases: IAM matches a key's ARN).</summary>
    public static ValidationProblem? KmsKeyArns(string field, IReadOnlyList<string>? arns)
    {
        if (arns is null)
        {
            return null;
        }

        var bad = arns.Where(a => !KmsKeyArn().IsMatch(a)).ToArray();
        if (arns.Count == 0)
        {
            return new(field, string.Empty, "list at least one KMS key ARN, or leave the setting out.");
        }

        if (bad.Length == 0)
        {
            return null;
        }

        var aliasNote = bad.Any(b => b.Contains(":alias/", StringComparison.Ordinal)) ? " An alias ARN does not work: IAM evaluates the key's own ARN." : string.Empty;
        return new(field, string.Join(",", bad.Select(Shorten)),
            $"a KMS key ARN is arn:<partition>:kms:<region>:<12-digit account>:key/<key id>.{aliasNote}");
    }

    /// <summary>An S3 bucket name (general purpose bucket naming rules).</summary>
    public static ValidationProblem? BucketName(string field, string? value)
    {
        if (value is not null && BucketChars().IsMatch(value) && !value.Contains("..", StringComparison.Ordinal)
            && !IpAddress().IsMatch(value) && !ReservedBucketPrefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal))
            && !ReservedBucketSuffixes.Any(p => value.EndsWith(p, StringComparison.Ordinal)))
        {
            return null;
        }

        var arnNote = value?.StartsWith("arn:", StringComparison.Ordinal) == true ? " Give the bucket's name, not its ARN." : string.Empty;
        return new(field, value is null ? null : Shorten(value),
            $"an S3 bucket name is 3–63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, without '..', not an IP address, without S3's reserved prefixes ({string.Join(", ", ReservedBucketPrefixes)}) and suffixes ({string.Join(", ", ReservedBucketSuffixes)}).{arnNote}");
    }

    [GeneratedRegex("^arn:(" + PartitionAlternatives + "):iam::([0-9]{12}|aws):policy/([A-Za-z0-9_+=,.@-]+/)*[A-Za-z0-9_+=,.@-]{1,128}$")]
    private static partial Regex BoundaryArn();

    [GeneratedRegex(@"^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$")]
    private static partial Regex TagChars();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$")]
    private static partial Regex RegionCode();

    [GeneratedRegex("^arn:(" + PartitionAlternatives + "):kms:[a-z]{2}(-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:key/(mrk-)?[A-Za-z0-9-]{1,64}$")]
    private static partial Regex KmsKeyArn();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketChars();

    [GeneratedRegex(@"^\d+\.\d+\.\d+\.\d+$")]
    private static partial Regex IpAddress();
}
