namespace SpotConnect.Org;

/// <summary>How many accounts one StackSet's member template holds, and the numbers it was computed from.</summary>
/// <param name="Accounts">Accounts per StackSet (0 when not even one fits).</param>
/// <param name="LimitBytes">The member template's size limit: <see cref="OrgLimits.InlineTemplateBytes"/> inline, <see cref="OrgLimits.TemplateUrlBytes"/> from S3.</param>
/// <param name="BaseBytes">The member template's size without mapping entries (an upper bound).</param>
/// <param name="BytesPerAccount">The bytes of the largest mapping entry (the longest external id).</param>
public sealed record OrgCapacity(int Accounts, int LimitBytes, int BaseBytes, int BytesPerAccount);
