using System.Reflection;
using SpotConnect.Settings;

namespace SpotConnect.Hosting;

/// <summary>
/// The link's settings as read from context, onto the public props of the app's stack: every property of the options
/// interface (<see cref="ISpotRoleOptions"/>, plus <see cref="ISpotLinkOptions.ExternalId"/> for a link) onto the props'
/// property of the same name, so a new setting needs no line here.
/// </summary>
internal static class LinkOptions
{
    /// <summary>Copies every option <paramref name="from"/> holds onto the same-named settable property of <paramref name="to"/> (tags as a copy).</summary>
    public static void CopyTo<TProps>(ISpotRoleOptions from, TProps to)
        where TProps : class, ISpotRoleOptions
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var options = from is ISpotLinkOptions && to is ISpotLinkOptions ? typeof(ISpotLinkOptions) : typeof(ISpotRoleOptions);
        foreach (var option in options.GetProperties().Concat(options.GetInterfaces().SelectMany(i => i.GetProperties())))
        {
            var value = option.GetValue(from);
            var target = typeof(TProps).GetProperty(option.Name, BindingFlags.Public | BindingFlags.Instance, null, option.PropertyType, [], null)
                         ?? throw new InvalidOperationException($"{typeof(TProps).Name} has no property {option.Name} of type {option.PropertyType.Name}: every option of {options.Name} is a property of the props.");
            target.SetValue(to, value is IDictionary<string, string> tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : value);
        }
    }
}
