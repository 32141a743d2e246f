using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Net;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace LoopbackAnalyzers.Engine
{
    /// <summary>Recognises endpoint sites: an operation that calls a row of the API table, with its operands resolved.</summary>
    internal sealed class EndpointSiteFinder
    {
        private const int AddressFamilyInterNetwork = 2;
        private const int AddressFamilyInterNetworkV6 = 23;

        private readonly EndpointSymbols _symbols;
        private readonly ValueResolver _values;
        private readonly StringValueResolver _strings;

        public EndpointSiteFinder(EndpointSymbols symbols, ValueResolver values)
        {
            _symbols = symbols;
            _values = values;
            _strings = new StringValueResolver(values);
        }

        /// <summary>The sites that <paramref name="operation"/> is: none for almost every operation.</summary>
        public ImmutableArray<EndpointSite> Find(IOperation operation, CancellationToken cancellationToken)
        {
            // An indexer assignment (configuration["urls"] = "...") is a call of the indexer's setter.
            var (method, instance, arguments, assigned) = operation switch
            {
                IObjectCreationOperation creation => (creation.Constructor, null, creation.Arguments, null),
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Instance, invocation.Arguments, null),
                ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { IsIndexer: true, SetMethod: { } setter } } indexer } assignment =>
                    (setter, indexer.Instance, indexer.Arguments, assignment.Value),
                _ => (null, null, ImmutableArray<IArgumentOperation>.Empty, null),
            };

            if (method is null)
            {
                return ImmutableArray<EndpointSite>.Empty;
            }

            var apis = _symbols.Match(method, instance);
            if (apis.IsEmpty)
            {
                return ImmutableArray<EndpointSite>.Empty;
            }

            var operands = Operands(method, arguments, assigned);
            var sites = ImmutableArray.CreateBuilder<EndpointSite>();
            foreach (var api in apis)
            {
                if (api.KeyParameter >= 0 &&
                    !(Operand(operands, api.KeyParameter) is { } key && _values.ResolveString(key, cancellationToken) is { } name &&
                      api.Keys.Any(pattern => KeyMatches(pattern, name))))
                {
                    continue;
                }

                if (api.IsUrlBased || api.AddressSource == AddressSource.AllInterfacesPortsParameter)
                {
                    AddStringSites(sites, api, operation, Operand(operands, api.AddressParameter), cancellationToken);
                    continue;
                }

                var portOperand = Operand(operands, api.PortParameter);
                var address = ResolveAddress(api, operands, ref portOperand, cancellationToken);
                var port = portOperand is null ? null : _values.ResolveInteger(portOperand, cancellationToken);
                var ports = port is null && portOperand is not null ? PortCandidates(portOperand, 0, cancellationToken) : default;
                sites.Add(new EndpointSite(api, operation, address, portOperand, port, ports: ports));
            }

            return sites.ToImmutable();
        }

        /// <summary>Sites written as strings: URLs (one or several), command-line "--urls" values, port lists.</summary>
        private void AddStringSites(ImmutableArray<EndpointSite>.Builder sites, EndpointApi api, IOperation operation, IOperation? operand, CancellationToken cancellationToken)
        {
            if (operand is null)
            {
                return;
            }

            foreach (var element in StringOperands(api, operand, cancellationToken))
            {
                var value = _strings.Resolve(element, cancellationToken);
                if (api.AddressSource == AddressSource.AllInterfacesPortsParameter)
                {
                    AddPortListSites(sites, api, operation, element, value);
                    continue;
                }

                var text = value.Text;
                var urls = api.AddressSource == AddressSource.UrlParameter || api.AddressSource == AddressSource.HttpListenerPrefixParameter
                    ? (UrlParts.TryParse(text, 0, text.Length, out var single) ? new List<UrlParts> { single } : new List<UrlParts>())
                    : UrlParts.ParseList(text);
                foreach (var url in urls)
                {
                    var kind = !url.HostIsKnown ? AddressKind.Unknown : api.AddressSource switch
                    {
                        AddressSource.UrlParameter => AddressText.ClassifyHost(url.HostName),
                        AddressSource.HttpListenerPrefixParameter => AddressText.ClassifyHttpListenerHost(url.HostName),
                        _ => AddressText.ClassifyKestrelHost(url.HostName),
                    };
                    // Messages show the whole URL where it is known ("http://*:5000"), else the host.
                    var address = new ResolvedAddress(kind, element, element, url.TextIn(text) ?? url.Host);
                    sites.Add(new EndpointSite(api, operation, address, element, url.Port, new UrlEndpoint(element, value, url)));
                }
            }
        }

        /// <summary>ASPNETCORE_HTTP_PORTS=5000;5001: each port is bound on [::], every interface.</summary>
        private static void AddPortListSites(ImmutableArray<EndpointSite>.Builder sites, EndpointApi api, IOperation operation, IOperation element, StringValue value)
        {
            foreach (var token in value.Text.Split(';'))
            {
                var trimmed = token.Trim();
                long? port = int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
                var address = new ResolvedAddress(AddressKind.AllInterfacesDualMode, element, element, port is null ? "[::]" : $"[::]:{port}");
                sites.Add(new EndpointSite(api, operation, address, element, port));
            }
        }

        /// <summary>
        /// The string operands that carry URLs: the argument itself, the elements of a string[] argument
        /// (params or an array in a local), or for command lines the value after "--urls".
        /// </summary>
        private IEnumerable<IOperation> StringOperands(EndpointApi api, IOperation operand, CancellationToken cancellationToken)
        {
            if (operand.Type is not IArrayTypeSymbol)
            {
                yield return operand;
                yield break;
            }

            if (_values.Resolve(operand, cancellationToken) is not IArrayCreationOperation { Initializer: { } initializer })
            {
                yield break;
            }

            var elements = initializer.ElementValues;
            if (api.AddressSource != AddressSource.CommandLineArgumentsParameter)
            {
                foreach (var element in elements)
                {
                    yield return element;
                }

                yield break;
            }

            // --urls http://*:5000, /urls http://*:5000 (the value follows); --urls=... and urls=... (the value is inside).
            for (var i = 0; i < elements.Length; i++)
            {
                var name = _values.ResolveString(elements[i], cancellationToken);
                if (name is "--urls" or "/urls" or "--URLS" && i + 1 < elements.Length)
                {
                    yield return elements[i + 1];
                    i++;
                }
                else if (name is not null && CommandLinePrefixLength(name) > 0)
                {
                    // The URL starts after "--urls=": StringValue offsets stay right because UrlParts skips to "://".
                    yield return elements[i];
                }
            }
        }

        private static int CommandLinePrefixLength(string argument)
        {
            foreach (var prefix in new[] { "--urls=", "/urls=", "urls=" })
            {
                if (argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return prefix.Length;
                }
            }

            return 0;
        }

        private ResolvedAddress ResolveAddress(
            EndpointApi api,
            IOperation?[] operands,
            ref IOperation? portOperand,
            CancellationToken cancellationToken)
        {
            var operand = Operand(operands, api.AddressParameter);
            switch (api.AddressSource)
            {
                case AddressSource.Implicit:
                    return new ResolvedAddress(api.ImplicitAddress, null, null, null);

                case AddressSource.ImplicitAllInterfacesOfFamily:
                    var kind = (operand is null ? null : _values.ResolveInteger(operand, cancellationToken)) switch
                    {
                        AddressFamilyInterNetwork => AddressKind.AllInterfacesIPv4,
                        AddressFamilyInterNetworkV6 => AddressKind.AllInterfacesIPv6,
                        _ => AddressKind.Unknown,
                    };
                    return new ResolvedAddress(kind, null, null, null);

                case AddressSource.IPAddressParameter when operand is not null:
                    return ResolveIPAddress(operand, cancellationToken);

                case AddressSource.EndPointParameter when operand is not null:
                    return ResolveEndPoint(operand, ref portOperand, cancellationToken);

                case AddressSource.HostParameter when operand is not null:
                    var origin = _values.Resolve(operand, cancellationToken);
                    return _values.ResolveString(operand, cancellationToken) is { } host
                        ? new ResolvedAddress(AddressText.ClassifyHost(host.Trim('[', ']')), operand, origin, host)
                        : new ResolvedAddress(AddressKind.Unknown, operand, origin, null);

                default:
                    return new ResolvedAddress(AddressKind.Unknown, operand, operand, null);
            }
        }

        /// <summary>Resolves an <c>IPAddress</c>-typed operand to the kind of address it holds.</summary>
        public ResolvedAddress ResolveIPAddress(IOperation operand, CancellationToken cancellationToken)
        {
            var origin = _values.Resolve(operand, cancellationToken);
            return new ResolvedAddress(ClassifyIPAddressExpression(origin, cancellationToken), operand, origin, null);
        }

        private ResolvedAddress ResolveEndPoint(IOperation operand, ref IOperation? portOperand, CancellationToken cancellationToken)
        {
            var endpoint = _values.Resolve(operand, cancellationToken);
            if (endpoint is IObjectCreationOperation { Constructor: { } constructor } creation &&
                SymbolEqualityComparer.Default.Equals(constructor.ContainingType, _symbols.IPEndPoint) &&
                constructor.Parameters.Length == 2)
            {
                portOperand = Argument(creation.Arguments, 1);
                if (Argument(creation.Arguments, 0) is { } addressOperand)
                {
                    // The operand stays the endpoint argument at the site; the origin is the address inside the endpoint.
                    if (SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, _symbols.IPAddress))
                    {
                        var inner = ResolveIPAddress(addressOperand, cancellationToken);
                        return new ResolvedAddress(inner.Kind, operand, inner.Origin, inner.Text);
                    }

                    if (_values.ResolveInteger(addressOperand, cancellationToken) is { } raw)
                    {
                        return new ResolvedAddress(ClassifyRawAddress(raw), operand, addressOperand, null);
                    }
                }
            }

            return new ResolvedAddress(AddressKind.Unknown, operand, endpoint, null);
        }

        private AddressKind ClassifyIPAddressExpression(IOperation origin, CancellationToken cancellationToken)
        {
            switch (origin)
            {
                case IFieldReferenceOperation { Field: var field } when SymbolEqualityComparer.Default.Equals(field.ContainingType, _symbols.IPAddress):
                    return field.Name switch
                    {
                        "Any" => AddressKind.AllInterfacesIPv4,
                        // IPv6None is the very same object as IPv6Any: "::", all interfaces, despite its name.
                        "IPv6Any" or "IPv6None" => AddressKind.AllInterfacesIPv6,
                        "Loopback" => AddressKind.LoopbackIPv4,
                        "IPv6Loopback" => AddressKind.LoopbackIPv6,
                        _ => AddressKind.Other,
                    };

                case IInvocationOperation { TargetMethod: { Name: "Parse", IsStatic: true } method } invocation
                    when SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.IPAddress) &&
                         invocation.Arguments.Length == 1:
                    return _values.ResolveString(invocation.Arguments[0].Value, cancellationToken) is { } text
                        ? AddressText.ClassifyIPAddressText(text)
                        : AddressKind.Unknown;

                case IObjectCreationOperation { Constructor: { } constructor } creation
                    when SymbolEqualityComparer.Default.Equals(constructor.ContainingType, _symbols.IPAddress) &&
                         creation.Arguments.Length >= 1:
                    var argument = creation.Arguments[0].Value;
                    if (constructor.Parameters[0].Type.SpecialType == SpecialType.System_Int64)
                    {
                        return _values.ResolveInteger(argument, cancellationToken) is { } raw ? ClassifyRawAddress(raw) : AddressKind.Unknown;
                    }

                    return ConstantBytes(ValueResolver.Unwrap(argument)) is { } bytes
                        ? AddressText.Classify(new IPAddress(bytes))
                        : AddressKind.Unknown;

                default:
                    return AddressKind.Unknown;
            }
        }

        private static AddressKind ClassifyRawAddress(long raw) =>
            raw is >= 0 and <= 0xFFFFFFFF ? AddressText.Classify(new IPAddress(raw)) : AddressKind.Unknown;

        /// <summary><c>new byte[4]</c>, <c>new byte[16]</c>, or an array initializer of constant bytes.</summary>
        private static byte[]? ConstantBytes(IOperation operation)
        {
            if (operation is not IArrayCreationOperation { DimensionSizes.Length: 1 } array ||
                array.DimensionSizes[0].ConstantValue is not { HasValue: true, Value: int length } ||
                length is not (4 or 16))
            {
                return null;
            }

            var bytes = new byte[length];
            if (array.Initializer is { } initializer)
            {
                if (initializer.ElementValues.Length != length)
                {
                    return null;
                }

                for (var i = 0; i < length; i++)
                {
                    if (initializer.ElementValues[i].ConstantValue is not { HasValue: true, Value: byte value })
                    {
                        return null;
                    }

                    bytes[i] = value;
                }
            }

            return bytes;
        }

        /// <summary><c>ci ? 5000 : 5001</c>: the constants of every branch, or empty when any branch is not constant.</summary>
        private ImmutableArray<PortValue> PortCandidates(IOperation operand, int depth, CancellationToken cancellationToken)
        {
            if (_values.ResolveInteger(operand, cancellationToken) is { } value)
            {
                return ImmutableArray.Create(new PortValue(value, operand));
            }

            if (depth > 4 || ValueResolver.Unwrap(_values.Resolve(operand, cancellationToken)) is not IConditionalOperation { WhenFalse: { } whenFalse } conditional)
            {
                return ImmutableArray<PortValue>.Empty;
            }

            var first = PortCandidates(conditional.WhenTrue, depth + 1, cancellationToken);
            var second = first.IsEmpty ? first : PortCandidates(whenFalse, depth + 1, cancellationToken);
            return first.IsEmpty || second.IsEmpty ? ImmutableArray<PortValue>.Empty : first.AddRange(second);
        }

        /// <summary>The operand for each parameter, by ordinal (arguments may be named and reordered).</summary>
        private static IOperation?[] Operands(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, IOperation? assigned)
        {
            var operands = new IOperation?[method.Parameters.Length];
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { Ordinal: var ordinal } && ordinal < operands.Length)
                {
                    operands[ordinal] = argument.Value;
                }
            }

            // The setter's last parameter is the assigned value.
            if (assigned is not null && operands.Length > 0)
            {
                operands[operands.Length - 1] = assigned;
            }

            return operands;
        }

        private static IOperation? Operand(IOperation?[] operands, int ordinal) =>
            ordinal >= 0 && ordinal < operands.Length ? operands[ordinal] : null;

        /// <summary>A configuration key against a pattern whose "*" stands for one section name ("Kestrel:Endpoints:*:Url").</summary>
        internal static bool KeyMatches(string pattern, string key)
        {
            var star = pattern.IndexOf('*');
            if (star < 0)
            {
                return string.Equals(pattern, key, StringComparison.OrdinalIgnoreCase);
            }

            var prefix = pattern.Substring(0, star);
            var suffix = pattern.Substring(star + 1);
            return key.Length > prefix.Length + suffix.Length &&
                   key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) &&
                   key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) &&
                   key.IndexOf(':', prefix.Length, key.Length - prefix.Length - suffix.Length) < 0;
        }

        private static IOperation? Argument(ImmutableArray<IArgumentOperation> arguments, int ordinal)
        {
            if (ordinal < 0)
            {
                return null;
            }

            // Arguments may be named and reordered; match on the parameter, not on the position.
            return arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal)?.Value;
        }
    }
}
