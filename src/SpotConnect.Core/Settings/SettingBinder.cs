using System.Reflection;

namespace SpotConnect.Settings;

/// <summary>
/// Fills an options record from setting values by name: each setting's <see cref="Setting.Property"/> is the
/// property it sets. So a new setting needs no reading code in the app, the CLI or <c>link deploy</c>.
/// </summary>
public static class SettingBinder
{
    /// <summary>A new <typeparamref name="TOptions"/> whose property for each setting holds <paramref name="value"/>'s value for it (skipped when <see langword="null"/>).</summary>
    /// <exception cref="InvalidOperationException">A setting has no writable property of its value's type on <typeparamref name="TOptions"/>.</exception>
    public static TOptions Bind<TOptions>(IEnumerable<Setting> settings, Func<Setting, object?> value)
        where TOptions : new()
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(value);
        var options = new TOptions();
        foreach (var setting in settings)
        {
            if (value(setting) is { } given)
            {
                PropertyFor(typeof(TOptions), setting).SetValue(options, given);
            }
        }

        return options;
    }

    /// <summary>The property of <paramref name="type"/> that holds <paramref name="setting"/>.</summary>
    /// <exception cref="InvalidOperationException">There is none, or its type does not fit.</exception>
    public static PropertyInfo PropertyFor(Type type, Setting setting)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(setting);
        var property = type.GetProperty(setting.Property, BindingFlags.Public | BindingFlags.Instance);
        var target = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return property is { CanWrite: true } && target == setting.ValueType
            ? property
            : throw new InvalidOperationException($"{type.Name} has no writable property {setting.Property} of type {setting.ValueType.Name} for setting {setting.ContextKey}.");
    }
}
