namespace SpotConnect.Status;

/// <summary>A step that is due: the command that does it, and why (for one account, or how many in an organization).</summary>
/// <param name="Command">The command to run, e.g. <c>spot-connect link register</c>.</param>
/// <param name="Reason">Why it is due, as a sentence without the command.</param>
/// <param name="Accounts">How many accounts of an organization it concerns; 0 for a link.</param>
internal sealed record DueStep(
    string Command,
    string Reason,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)] int Accounts = 0);
