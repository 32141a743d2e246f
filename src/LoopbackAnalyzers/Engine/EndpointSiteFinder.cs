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

        public EndpointSiteFinder(EndpointSymbols symbols, ValueResolver values)
        {
            _symbols = symbols;
            _values = values;
        }

        public ValueResolver Values => _values;

        /// <summary>The site that <paramref name="operation"/> is, or null.</summary>
        public EndpointSite? Find(IOperation operation, CancellationToken cancellationToken)
        {
            var (method, arguments) = operation switch
            {
                IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
                IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
                _ => (null, ImmutableArray<IArgumentOperation>.Empty),
            };

            if (method is null || _symbols.Match(method) is not { } api)
            {
                return null;
            }

            var portOperand = Argument(arguments, api.PortParameter);
            var address = ResolveAddress(api, arguments, ref portOperand, cancellationToken);
            var port = portOperand is null ? null : _values.ResolveInteger(portOperand, cancellationToken);
            return new EndpointSite(api, operation, address, portOperand, port);
        }

        private ResolvedAddress ResolveAddress(
            EndpointApi api,
            ImmutableArray<IArgumentOperation> arguments,
            ref IOperation? portOperand,
            CancellationToken cancellationToken)
        {
            var operand = Argument(arguments, api.AddressParameter);
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

                case AddressSource.UrlParameter when operand is not null:
                    var urlOrigin = _values.Resolve(operand, cancellationToken);
                    return _values.ResolveString(operand, cancellationToken) is { } text && UrlText.TryParse(text, out var url)
                        ? new ResolvedAddress(AddressText.ClassifyHost(url.HostName), operand, urlOrigin, url.Port is { } p ? $"{url.Host}:{p}" : url.Host)
                        : new ResolvedAddress(AddressKind.Unknown, operand, urlOrigin, null);

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
