using System.Security.Cryptography;
using System.Text;
using SpotConnect.Org;

namespace SpotConnect.Tests.Support;

/// <summary>Organization states built in memory: deterministic account ids and external ids in both of Spot's formats.</summary>
internal static class OrgStates
{
    public const string ManagementAccountId = "100000000000";

    public static readonly string[] TargetOus = ["ou-ab12-cdefgh34", "r-ab12"];

    /// <summary>The <paramref name="index"/>-th member account id (sorted as the index is).</summary>
    public static string AccountId(int index) => (200_000_000_000L + (index * 7L)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A deterministic external id: mostly 44 URL-safe characters (the console's), every seventh the older <c>spotinst:aws:extid:</c> form.</summary>
    public static string ExternalIdOf(string accountId)
    {
        var hash = Convert.ToBase64String(SHA512.HashData(Encoding.ASCII.GetBytes(accountId))).Replace('+', '-').Replace('/', '_');
        return long.Parse(accountId, System.Globalization.CultureInfo.InvariantCulture) % 7 == 3
            ? "spotinst:aws:extid:" + new string(hash.Where(char.IsAsciiLetterOrDigit).Take(16).ToArray())
            : hash[..44];
    }

    /// <summary>One member account, active, with its external id.</summary>
    public static OrgAccount Member(string accountId) => new()
    {
        AwsAccountId = accountId,
        Name = "member " + accountId,
        AwsState = "ACTIVE",
        SpotAccountId = "act-" + accountId[^8..],
        ExternalId = ExternalIdOf(accountId),
    };

    /// <summary>A state with the management account (with its external id) and <paramref name="members"/> member accounts.</summary>
    public static OrgState Build(int members, string partition = "aws") => new()
    {
        Partition = partition,
        ManagementAccountId = ManagementAccountId,
        TargetOus = TargetOus,
        Accounts = [Member(ManagementAccountId) with { Name = "management" }, .. Enumerable.Range(0, members).Select(i => Member(AccountId(i)))],
    };

    /// <summary>Writes <paramref name="state"/> to a new temporary state file.</summary>
    public static string Save(OrgState state)
    {
        var path = Path.Combine(Scratch.Folder("spotconnect-org-").FullName, OrgStateStore.DefaultFileName);
        OrgStateStore.Save(path, state);
        return path;
    }
}
